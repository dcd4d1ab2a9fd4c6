import { EventEmitter } from "node:events";
import type { EndpointRow } from "@/db/queries";
import type { ContainerSummary, Diff, EndpointHealth, EndpointView } from "@/lib/domain";
import type { EngineEvent } from "@/lib/events";
import type { Logger } from "@/server/log";
import { DockerSession } from "./docker/docker-session";

interface ManagerEvents {
  health: [string, EndpointHealth];
  containers: [string, Diff<ContainerSummary>];
  /** Normalized engine events of every endpoint (container, image, network, volume). */
  engineEvent: [string, EngineEvent];
}

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

/** Owns one EndpointSession per endpoint for the life of the process. */
export class EndpointManager extends EventEmitter<ManagerEvents> {
  private readonly sessions = new Map<string, { row: EndpointRow; session: DockerSession }>();

  constructor(private readonly log: Logger) {
    super();
    this.setMaxListeners(0);
  }

  add(row: EndpointRow): void {
    if (this.sessions.has(row.id)) return;
    const session = new DockerSession(row.id, row.url, this.log);
    session.on("health", (h) => this.emit("health", row.id, h));
    session.on("containers", (d) => this.emit("containers", row.id, d));
    session.on("engineEvent", (e) => this.emit("engineEvent", row.id, e));
    this.sessions.set(row.id, { row, session });
    session.start();
  }

  remove(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    entry.session.stop();
    this.sessions.delete(id);
  }

  session(id: string): DockerSession | undefined {
    return this.sessions.get(id)?.session;
  }

  view(id: string): EndpointView | undefined {
    const entry = this.sessions.get(id);
    if (!entry) return undefined;
    return {
      id,
      name: entry.row.name,
      kind: "docker",
      address: displayAddress(entry.row.url),
      health: entry.session.health,
    };
  }

  views(): EndpointView[] {
    return [...this.sessions.keys()].map((id) => this.view(id)!).sort((a, b) => a.name.localeCompare(b.name));
  }

  stopAll(): void {
    for (const id of [...this.sessions.keys()]) this.remove(id);
  }
}
