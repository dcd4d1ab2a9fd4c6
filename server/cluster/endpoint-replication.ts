import type { DbHandle } from "@/db/client";
import { findEndpointById } from "@/db/endpoint-queries";
import type { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { EndpointSession } from "@/server/endpoints/session";
import { applySessionMessage, exportSessionState, type SessionMessage } from "@/server/endpoints/session-mirror";
import type { Logger } from "@/server/log";
import type { Bus } from "./bus";
import type { LeaseKeeper } from "./leases";

// One upstream per endpoint for the whole deployment. Each replica competes for the lease `endpoint:<id>`; the
// holder starts the endpoint's session (its one events stream) and publishes every change of it on the bus,
// numbered (lease epoch, sequence). Every other replica keeps a mirror session that applies those messages, so its
// own viewers, pages and services read a local copy: one bus message per change whatever the number of viewers,
// topics or replicas. A mirror that sees a gap, a new owner, or a bus reconnect asks the owner for its full state.

interface EndpointMessage {
  e: string;
  /** The owner's lease epoch and its message number under it. */
  ep: number;
  s: number;
  m: SessionMessage;
}

interface Owned {
  epoch: number;
  seq: number;
}

const SYNC_MIN_GAP_MS = 1_000;

export const endpointLease = (id: string) => `endpoint:${id}`;

export class EndpointReplication {
  private readonly owned = new Map<string, Owned>();
  /** Per mirrored endpoint: the last (epoch, seq) applied. */
  private readonly seen = new Map<string, { ep: number; s: number }>();
  private readonly releases = new Map<string, () => Promise<void>>();
  private readonly lastSync = new Map<string, number>();
  private readonly offs: (() => void)[] = [];
  /** Lease releases under way (endpoints removed, or all of them at shutdown). */
  private readonly releasing = new Set<Promise<void>>();

  constructor(
    private readonly endpoints: EndpointManager,
    private readonly bus: Bus,
    private readonly leases: LeaseKeeper,
    private readonly db: DbHandle,
    private readonly log: Logger,
  ) {}

  /** Call before any endpoint is added, so none starts an upstream without its lease. */
  start(): void {
    this.endpoints.owns = (id) => this.owned.has(id);
    const onSession = (id: string, session: EndpointSession) => {
      if (!this.releases.has(id)) this.compete(id);
      if (this.owned.has(id) && session.owning) this.publishFrom(id, session);
      else if (!session.owning) this.requestSync(id, true);
    };
    const onRemoved = (id: string) => {
      this.owned.delete(id);
      this.seen.delete(id);
      const release = this.releases.get(id)?.();
      this.releases.delete(id);
      if (release) {
        // Once released, the others try at once (a clean stop or a rolling restart hands over in one round trip).
        const done = release.then(() => this.bus.publish("ep-released", { e: id }));
        this.releasing.add(done);
        void done.finally(() => this.releasing.delete(done));
      }
    };
    this.endpoints.on("session", onSession);
    this.endpoints.on("removed", onRemoved);
    this.offs.push(
      () => this.endpoints.off("session", onSession),
      () => this.endpoints.off("removed", onRemoved),
      this.bus.on("ep", (body) => this.receive(body as EndpointMessage)),
      this.bus.on("ep-sync", (body) => this.answerSync((body as { e: string }).e)),
      this.bus.on("ep-released", (body) => this.leases.nudge(endpointLease((body as { e: string }).e))),
      this.bus.on("endpoint-changed", (body) => void this.reload((body as { id: string }).id)),
      this.bus.onReconnect(() => {
        for (const id of this.releases.keys()) if (!this.owned.has(id)) this.requestSync(id, true);
      }),
    );
  }

  /** Stops following the bus; resolves once the leases given up so far are released. */
  async stop(): Promise<void> {
    for (const off of this.offs) off();
    this.offs.length = 0;
    await Promise.all([...this.releasing]);
  }

  /** Endpoints whose upstream runs on this replica. */
  ownedIds(): string[] {
    return [...this.owned.keys()];
  }

  /** Tells the other replicas an endpoint was added, edited or removed here (they re-read its row). */
  announce(id: string): void {
    this.bus.publish("endpoint-changed", { id });
  }

  private compete(id: string): void {
    const release = this.leases.hold(endpointLease(id), {
      gained: (epoch) => {
        this.owned.set(id, { epoch, seq: 0 });
        const session = this.endpoints.promote(id);
        if (!session) return;
        this.log.info({ endpointId: id, epoch }, "this replica now runs the endpoint's upstream");
        this.publishFrom(id, session);
        // Whatever the mirrors showed before, they now match this owner's view; its first list diffs the rest.
        this.send(id, { t: "full", state: exportSessionState(session) });
      },
      lost: () => {
        if (!this.owned.delete(id)) return;
        this.log.warn({ endpointId: id }, "endpoint lease lost; mirroring it from its new owner");
        this.endpoints.demote(id);
      },
    });
    this.releases.set(id, release);
  }

  /** Forwards every change of an owned session to the bus (listeners go with the session when it stops). */
  private publishFrom(id: string, session: EndpointSession): void {
    session.on("store", (store, diff) => this.send(id, { t: "store", store, diff }));
    session.on("health", (health) => this.send(id, { t: "health", health }));
    session.on("facts", (facts) => this.send(id, { t: "facts", facts }));
    session.on("engineEvent", (event) => this.send(id, { t: "event", event }));
    session.on("capabilities", (caps) => this.send(id, { t: "caps", caps }));
  }

  private send(id: string, m: SessionMessage): void {
    const own = this.owned.get(id);
    if (!own || !this.bus.shared) return;
    own.seq++;
    this.bus.publish("ep", { e: id, ep: own.epoch, s: own.seq, m } satisfies EndpointMessage);
  }

  private receive(msg: EndpointMessage): void {
    if (!msg || typeof msg.e !== "string" || this.owned.has(msg.e)) return;
    const session = this.endpoints.session(msg.e);
    if (!session || session.owning) return;
    const last = this.seen.get(msg.e);
    // A replica that lost the lease may still have a message in flight: its epoch is behind.
    if (last && msg.ep < last.ep) return;
    const inOrder = last !== undefined && msg.ep === last.ep && msg.s === last.s + 1;
    this.seen.set(msg.e, { ep: msg.ep, s: msg.s });
    applySessionMessage(session, msg.m);
    if (!inOrder && msg.m.t !== "full") this.requestSync(msg.e, false);
  }

  private requestSync(id: string, force: boolean): void {
    if (!this.bus.shared) return;
    const now = Date.now();
    if (!force && now - (this.lastSync.get(id) ?? 0) < SYNC_MIN_GAP_MS) return;
    this.lastSync.set(id, now);
    this.bus.publish("ep-sync", { e: id });
  }

  private answerSync(id: string): void {
    const session = this.owned.has(id) ? this.endpoints.session(id) : undefined;
    if (session) this.send(id, { t: "full", state: exportSessionState(session) });
  }

  /** Another replica changed this endpoint: follow its row (added, edited or removed). */
  private async reload(id: string): Promise<void> {
    try {
      const row = await findEndpointById(this.db, id);
      const current = this.endpoints.row(id);
      if (!row) this.endpoints.remove(id);
      else if (!current) this.endpoints.add(row);
      else if (JSON.stringify(current) !== JSON.stringify(row)) this.endpoints.replace(row);
    } catch (err) {
      this.log.error({ err, endpointId: id }, "endpoint change from another replica could not be applied");
    }
  }
}
