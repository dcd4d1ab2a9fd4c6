import { EventEmitter } from "node:events";
import type { EndpointRow } from "@/db/queries";
import type { ContainerSummary, Diff, EndpointHealth, EndpointView } from "@/lib/domain";
import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import type { EngineEvent } from "@/lib/events";
import { countContainers } from "@/lib/host-summary";
import type { NetworkSummary } from "@/lib/network-map";
import type { SwarmItems, SwarmResource } from "@/lib/swarm";
import type { Logger } from "@/server/log";
import { DockerSession } from "./docker/docker-session";

interface ManagerEvents {
  health: [string, EndpointHealth];
  containers: [string, Diff<ContainerSummary>];
  /** Anything a view shows changed (health, counts, facts), or the endpoint was added or edited. */
  view: [string];
  /** The endpoint was removed; its view is gone. */
  removed: [string];
  networks: [string, Diff<NetworkSummary>];
  /** Normalized engine events of every endpoint (container, image, network, volume). */
  engineEvent: [string, EngineEvent];
  /** Changes to one swarm store (nodes, services, tasks, secrets, configs) of a swarm manager endpoint. */
  swarm: [string, SwarmResource, Diff<SwarmItems[SwarmResource]>];
  /** An endpoint became, or stopped being, a reachable swarm manager. */
  swarmActive: [string, boolean];
}

const VIEW_THROTTLE_MS = 500;

/** Display form of an endpoint address: never userinfo, query or fragment. */
export function displayAddress(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === "unix:"
      ? `unix://${u.pathname}`
      : `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(invalid address)";
  }
}

function transportOf(url: string): EndpointView["transport"] {
  const p = url.slice(0, url.indexOf(":"));
  return p === "unix" ? "unix" : p === "https" ? "tls" : p === "ssh" ? "ssh" : "tcp";
}

interface Entry {
  row: EndpointRow;
  session: DockerSession;
  viewTimer: NodeJS.Timeout | null;
}

/** Owns one EndpointSession per endpoint for the life of the process (or until the endpoint is removed). */
export class EndpointManager extends EventEmitter<ManagerEvents> {
  private readonly sessions = new Map<string, Entry>();

  /** `open` unseals endpoints.secret (runtime().secrets.open); without it, endpoints carry no credentials. */
  constructor(
    private readonly log: Logger,
    private readonly open?: (sealed: string) => string,
  ) {
    super();
    this.setMaxListeners(0);
  }

  private credentials(row: EndpointRow): EndpointCredentials | undefined {
    if (!row.secret || !this.open) return undefined;
    try {
      return JSON.parse(this.open(row.secret)) as EndpointCredentials;
    } catch (err) {
      // A secret sealed with another key: the endpoint shows as down rather than taking the process down.
      this.log.error({ endpointId: row.id, err: (err as Error).message }, "endpoint credentials cannot be opened");
      return undefined;
    }
  }

  add(row: EndpointRow): void {
    if (this.sessions.has(row.id)) return;
    let session: DockerSession;
    try {
      session = new DockerSession(row.id, { url: row.url, credentials: this.credentials(row) }, this.log);
    } catch (err) {
      this.log.error({ endpointId: row.id, err: (err as Error).message }, "endpoint session cannot be created");
      // A row Berth cannot use (unknown scheme): a session that stays down, without touching the network.
      session = new DockerSession(row.id, "unix:///nonexistent/berth-unusable-endpoint", this.log);
    }
    const entry: Entry = { row, session, viewTimer: null };
    const viewSoon = () => {
      if (entry.viewTimer) return;
      entry.viewTimer = setTimeout(() => {
        entry.viewTimer = null;
        if (this.sessions.get(row.id) === entry) this.emit("view", row.id);
      }, VIEW_THROTTLE_MS);
    };
    session.on("health", (h) => {
      this.emit("health", row.id, h);
      this.emit("view", row.id);
    });
    session.on("containers", (d) => {
      this.emit("containers", row.id, d);
      viewSoon();
    });
    session.on("facts", viewSoon);
    session.on("networks", (d) => this.emit("networks", row.id, d));
    session.on("engineEvent", (e) => this.emit("engineEvent", row.id, e));
    session.swarm.on("diff", (r, d) => this.emit("swarm", row.id, r, d));
    session.swarm.on("active", (a) => {
      this.emit("swarmActive", row.id, a);
      this.emit("view", row.id);
    });
    this.sessions.set(row.id, entry);
    session.start();
    this.emit("view", row.id);
  }

  remove(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    if (entry.viewTimer) clearTimeout(entry.viewTimer);
    entry.session.stop();
    this.sessions.delete(id);
    this.emit("removed", id);
  }

  /** An edited endpoint: a new session with the new address and credentials. */
  replace(row: EndpointRow): void {
    const entry = this.sessions.get(row.id);
    if (entry) {
      if (entry.viewTimer) clearTimeout(entry.viewTimer);
      entry.session.stop();
      this.sessions.delete(row.id);
      // Viewers drop the old store's containers; the new session's first list brings them back.
      const gone = [...entry.session.containers.keys()];
      if (gone.length) this.emit("containers", row.id, { upsert: [], remove: gone });
    }
    this.add(row);
  }

  session(id: string): DockerSession | undefined {
    return this.sessions.get(id)?.session;
  }

  row(id: string): EndpointRow | undefined {
    return this.sessions.get(id)?.row;
  }

  view(id: string): EndpointView | undefined {
    const entry = this.sessions.get(id);
    if (!entry) return undefined;
    return {
      id,
      name: entry.row.name,
      kind: "docker",
      address: displayAddress(entry.row.url),
      transport: transportOf(entry.row.url),
      health: entry.session.health,
      counts: countContainers(entry.session.containers.values()),
      facts: entry.session.facts,
      ...(entry.session.swarm.active ? { capabilities: ["swarm"] } : {}),
    };
  }

  views(): EndpointView[] {
    return [...this.sessions.keys()].map((id) => this.view(id)!).sort((a, b) => a.name.localeCompare(b.name));
  }

  stopAll(): void {
    for (const id of [...this.sessions.keys()]) this.remove(id);
  }
}
