import { NOTIFY_MAX_BYTES, openPgPubSub, type PubSub } from "@/db/pubsub";
import type { Logger } from "@/server/log";

// The replicas' bus: Postgres LISTEN/NOTIFY on the database they already share (no Redis to run). Each message is
// one JSON envelope naming its sender and topic; a message too big for one NOTIFY goes as numbered chunks on the
// same ordered connection. A replica ignores its own messages: it already acted on them locally.

type Handler = (body: unknown, from: string) => void;

export interface BusCounters {
  /** Messages this replica published, and the NOTIFYs they took. */
  sent: number;
  notifies: number;
  /** Messages from other replicas handled here. */
  received: number;
}

export interface Bus {
  readonly replicaId: string;
  /** False when no other replica can exist (SQLite): publishing is then a no-op. */
  readonly shared: boolean;
  readonly counters: BusCounters;
  publish(topic: string, body: unknown): void;
  on(topic: string, fn: Handler): () => void;
  /** After the bus connection was lost and came back (messages may have been missed). */
  onReconnect(fn: () => void): () => void;
  close(): Promise<void>;
}

const CHUNK_CHARS = 1_900; // 4 bytes per character at worst, under NOTIFY's limit with the header
const CHANNEL = "berth_bus";

class BusBase {
  protected readonly handlers = new Map<string, Set<Handler>>();
  protected readonly reconnectHandlers = new Set<() => void>();
  readonly counters: BusCounters = { sent: 0, notifies: 0, received: 0 };

  constructor(readonly replicaId: string) {}

  on(topic: string, fn: Handler): () => void {
    const set = this.handlers.get(topic) ?? new Set<Handler>();
    this.handlers.set(topic, set);
    set.add(fn);
    return () => set.delete(fn);
  }

  onReconnect(fn: () => void): () => void {
    this.reconnectHandlers.add(fn);
    return () => this.reconnectHandlers.delete(fn);
  }
}

/** One process, no peers. */
export class LocalBus extends BusBase implements Bus {
  readonly shared = false;
  publish(): void {}
  async close(): Promise<void> {}
}

export class PgBus extends BusBase implements Bus {
  readonly shared = true;
  private pubsub: PubSub | null = null;
  private nextId = 0;
  /** Chunks being reassembled, by `<sender> <message id>`. */
  private readonly partial = new Map<string, { parts: string[]; got: number; at: number }>();

  constructor(
    replicaId: string,
    private readonly log: Logger,
  ) {
    super(replicaId);
  }

  async open(url: string): Promise<void> {
    this.pubsub = await openPgPubSub(url, CHANNEL, {
      message: (p) => this.receive(p),
      reconnected: () => {
        this.log.warn("replica bus reconnected; resynchronising");
        this.partial.clear();
        for (const fn of this.reconnectHandlers) fn();
      },
      error: (err) => this.log.warn({ err: err.message }, "replica bus connection lost"),
    });
  }

  publish(topic: string, body: unknown): void {
    const ps = this.pubsub;
    if (!ps) return;
    const json = JSON.stringify({ f: this.replicaId, k: topic, b: body });
    this.counters.sent++;
    const fail = (err: Error) => this.log.warn({ err: err.message, topic }, "replica bus publish failed");
    if (Buffer.byteLength(json) <= NOTIFY_MAX_BYTES) {
      this.counters.notifies++;
      ps.publish(json).catch(fail);
      return;
    }
    const id = ++this.nextId;
    const n = Math.ceil(json.length / CHUNK_CHARS);
    for (let i = 0; i < n; i++) {
      this.counters.notifies++;
      ps.publish(`#${this.replicaId} ${id} ${i} ${n} ${json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS)}`).catch(
        fail,
      );
    }
  }

  private receive(payload: string): void {
    let json = payload;
    if (payload.startsWith("#")) {
      const m = /^#(\S+) (\d+) (\d+) (\d+) /.exec(payload);
      if (!m) return;
      const [head, from, id, i, n] = m as unknown as [string, string, string, string, string];
      if (from === this.replicaId) return;
      const key = `${from} ${id}`;
      const total = Number(n);
      const entry = this.partial.get(key) ?? { parts: new Array<string>(total), got: 0, at: Date.now() };
      this.partial.set(key, entry);
      if (entry.parts[Number(i)] === undefined) entry.got++;
      entry.parts[Number(i)] = payload.slice(head.length);
      if (entry.got < total) {
        this.dropStale();
        return;
      }
      this.partial.delete(key);
      json = entry.parts.join("");
    }
    let msg: { f?: unknown; k?: unknown; b?: unknown };
    try {
      msg = JSON.parse(json);
    } catch {
      return;
    }
    if (msg.f === this.replicaId || typeof msg.k !== "string" || typeof msg.f !== "string") return;
    this.counters.received++;
    for (const fn of this.handlers.get(msg.k) ?? []) {
      try {
        fn(msg.b, msg.f);
      } catch (err) {
        this.log.error({ err, topic: msg.k }, "replica bus handler failed");
      }
    }
  }

  /** A sender that died mid-message leaves chunks that will never complete. */
  private dropStale(): void {
    const old = Date.now() - 30_000;
    for (const [k, v] of this.partial) if (v.at < old) this.partial.delete(k);
  }

  async close(): Promise<void> {
    await this.pubsub?.close();
    this.pubsub = null;
  }
}
