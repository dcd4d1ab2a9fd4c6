import { EventEmitter } from "node:events";
import type { EndpointRow } from "@/db/queries";
import type { Diff, EndpointHealth, EndpointKind, EndpointView } from "@/lib/domain";
import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import { NotFoundError, UserError } from "@/lib/errors";
import type { EngineEvent } from "@/lib/events";
import type { Logger } from "@/server/log";
import type { KindAccess } from "./access";
import { DownSession } from "./down-session";
import { driverFor } from "./registry";
import type { EndpointSession } from "./session";
import { applySessionMessage, exportSessionState, type SessionState } from "./session-mirror";

interface ManagerEvents {
  health: [string, EndpointHealth];
  /** A store of an endpoint changed: endpoint id, store name, diff. */
  store: [string, string, Diff<unknown>];
  /** Anything a view shows changed (health, counts, facts), or the endpoint was added or edited. */
  view: [string];
  /** The endpoint was removed; its view is gone. */
  removed: [string];
  /** Normalized events of every endpoint (container, image, network, volume...). */
  engineEvent: [string, EngineEvent];
  /** A new session object serves this endpoint (added, edited, or handed between owner and mirror). */
  session: [string, EndpointSession];
}

const VIEW_THROTTLE_MS = 500;

interface Entry {
  row: EndpointRow;
  session: EndpointSession;
  viewTimer: NodeJS.Timeout | null;
}

/**
 * Owns one EndpointSession per endpoint for the life of the process (or until the endpoint is removed). Knows no
 * kind: the driver registry (./registry.ts) opens each session from the row's `kind`.
 * With replicas, a session is either started here (this replica holds the endpoint's lease and its one upstream) or
 * a mirror fed by the owner over the bus (server/cluster/endpoint-replication.ts): `owns` decides which at `add`,
 * and promote/demote move an endpoint between the two without dropping what viewers see.
 */
export class EndpointManager extends EventEmitter<ManagerEvents> {
  private readonly sessions = new Map<string, Entry>();
  /** Whether this process should run an endpoint's upstream; alone (no replicas) it runs them all. */
  owns: (id: string) => boolean = () => true;

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

  private openSession(row: EndpointRow): EndpointSession {
    const driver = driverFor(row.kind);
    if (!driver) {
      this.log.error({ endpointId: row.id, kind: row.kind }, "no driver for this endpoint kind");
      const reason = `Endpoints of kind "${row.kind}" are not supported by this Berth`;
      return new DownSession(row.id, row.kind as EndpointKind, reason, this.log);
    }
    return driver.open(row.id, { url: row.url, credentials: this.credentials(row) }, this.log);
  }

  /** `seed`: a state to show at once (what this replica showed before the session changed hands). */
  add(row: EndpointRow, seed?: SessionState): void {
    if (this.sessions.has(row.id)) return;
    const session = this.openSession(row);
    // Before anything listens: the seed is what viewers already have, not news.
    if (seed) applySessionMessage(session, { t: "full", state: seed });
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
    session.on("store", (name, d) => {
      this.emit("store", row.id, name, d);
      // Counts on the cards come from the stores.
      viewSoon();
    });
    session.on("facts", viewSoon);
    session.on("capabilities", () => this.emit("view", row.id));
    session.on("engineEvent", (e) => this.emit("engineEvent", row.id, e));
    this.sessions.set(row.id, entry);
    if (this.owns(row.id)) session.start();
    this.emit("session", row.id, session);
    this.emit("view", row.id);
  }

  /** This replica now holds the endpoint: its mirror starts the upstream, and its first list diffs what changed. */
  promote(id: string): EndpointSession | undefined {
    const session = this.sessions.get(id)?.session;
    session?.start();
    return session;
  }

  /** This replica lost the endpoint's lease: the upstream stops, a mirror keeps showing the last state. */
  demote(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry?.session.owning) return;
    const state = exportSessionState(entry.session);
    if (entry.viewTimer) clearTimeout(entry.viewTimer);
    entry.session.stop();
    this.sessions.delete(id);
    this.add(entry.row, state);
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
      // Viewers drop the old stores' items; the new session's first list brings them back.
      for (const name of entry.session.storeNames()) {
        const gone = [...(entry.session.store(name)?.keys() ?? [])];
        if (gone.length) this.emit("store", row.id, name, { upsert: [], remove: gone });
      }
    }
    this.add(row);
  }

  session(id: string): EndpointSession | undefined {
    return this.sessions.get(id)?.session;
  }

  /**
   * The kind's own client for one endpoint: NotFoundError for an unknown endpoint, a UserError naming both kinds
   * when the endpoint is of another kind. Services call this through dockerOf/kubeOf (./access.ts).
   */
  access<K extends keyof KindAccess>(id: string, kind: K): KindAccess[K] {
    const entry = this.sessions.get(id);
    if (!entry) throw new NotFoundError("Endpoint not found");
    const actual = entry.session.kind;
    if (actual !== kind) {
      const label = (k: string) => driverFor(k)?.label ?? k;
      throw new UserError(
        `"${entry.row.name}" is a ${label(actual)} endpoint: this works on ${label(kind)} endpoints only`,
        409,
        "wrong_kind",
      );
    }
    return entry.session.access() as KindAccess[K];
  }

  /** Subscribes to one store's diffs across endpoints; returns the unsubscribe. */
  onStore<T>(name: string, fn: (endpointId: string, diff: Diff<T>) => void): () => void {
    const listener = (endpointId: string, store: string, diff: Diff<unknown>) => {
      if (store === name) fn(endpointId, diff as Diff<T>);
    };
    this.on("store", listener);
    return () => this.off("store", listener);
  }

  row(id: string): EndpointRow | undefined {
    return this.sessions.get(id)?.row;
  }

  view(id: string): EndpointView | undefined {
    const entry = this.sessions.get(id);
    if (!entry) return undefined;
    const { session, row } = entry;
    const shown = driverFor(row.kind)?.describe(row.url) ?? { address: "(unsupported kind)" };
    return {
      id,
      name: row.name,
      kind: session.kind,
      ...shown,
      health: session.health,
      counts: session.counts(),
      facts: session.facts,
      capabilities: [...session.capabilities],
    };
  }

  views(): EndpointView[] {
    return [...this.sessions.keys()].map((id) => this.view(id)!).sort((a, b) => a.name.localeCompare(b.name));
  }

  stopAll(): void {
    for (const id of [...this.sessions.keys()]) this.remove(id);
  }
}
