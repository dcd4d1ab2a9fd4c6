import { EventEmitter } from "node:events";
import type { Duplex, Readable } from "node:stream";
import type { StatsSample } from "@/lib/container-stats";
import type { Diff, EndpointHealth, EndpointKind } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { type EngineEvent, RingBuffer } from "@/lib/events";
import type { ContainerCounts, EngineFacts } from "@/lib/host-summary";
import type { Logger } from "@/server/log";
import { KeyedStore } from "./keyed-store";

// What every endpoint kind shares: a connect loop with backoff, health, facts, live keyed stores, an events feed,
// and optional logs/exec/stats sources. A kind (server/endpoints/<kind>/) extends EndpointSession and fills the hooks.

export interface SessionEvents {
  health: [EndpointHealth];
  /** Host facts and object counts changed. */
  facts: [EngineFacts];
  /** One of the session's stores changed: its name and the diff. */
  store: [string, Diff<unknown>];
  /** A normalized event of the endpoint (kept in `recentEvents`), for the events feed. */
  engineEvent: [EngineEvent];
  /** What the endpoint can do changed (a Docker engine joined or left a swarm as a manager). */
  capabilities: [Capability[]];
}

/** What an endpoint can do; pages and services check these instead of the kind. Kinds may add their own words. */
export type Capability =
  | "containers"
  | "images"
  | "networks"
  | "volumes"
  | "events"
  | "logs"
  | "exec"
  | "stats"
  | (string & {});

/** What a successful connect learned. */
export interface Connected {
  version?: string;
  apiVersion?: string;
  latencyMs?: number;
}

export interface SessionTiming {
  pingEveryMs: number;
  reconcileEveryMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_TIMING: SessionTiming = {
  pingEveryMs: 2_000,
  reconcileEveryMs: 30_000,
  backoffMinMs: 250,
  backoffMaxMs: 8_000,
};

/** Recent events kept per endpoint so an events page does not open empty. */
const EVENT_HISTORY = 500;
/** An event's number under its endpoint (`<endpointId>:<seq>`); 0 when the id has none. */
const eventNumber = (e: EngineEvent) => Number(e.id.slice(e.id.lastIndexOf(":") + 1)) || 0;

// ---- Optional sources: a kind that can stream logs, run a console or sample usage provides these. ----

/** One piece of a container's output. */
export interface LogChunk {
  stream: "out" | "err";
  data: Buffer;
}

export interface LogFollowOptions {
  follow: boolean;
  /** Unix seconds; 0 for the beginning. */
  since: number;
  tail: number | "all";
  timestamps: boolean;
}

export interface LogSource {
  /**
   * Opens a container's output. `stream` is object-mode, one LogChunk per piece (the kind removes its own framing);
   * `tty` says the output was one terminal stream. Unknown containers reject with NotFoundError.
   */
  follow(containerId: string, options: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }>;
}

/**
 * Where a log stream's lines come from when it is not one container (a swarm service or task). The engine follows a
 * service's tasks itself (new tasks join the stream), so such a stream is not reopened on container starts.
 */
export interface LogOrigin {
  open(options: LogFollowOptions): Promise<{ tty: boolean; stream: Readable }>;
  /** Takes the origin's own prefix off a raw line (after the timestamp): the task and node it came from. */
  split?(raw: string): { text: string; task?: string; node?: string };
  /**
   * The followed stream never ends on its own (a service's logs follow its tasks as they come and go): when it ends
   * or fails, something broke (the engine restarted, the connection dropped), so the hub reopens it, with backoff,
   * from where it ended, until the origin itself is gone (a NotFoundError).
   */
  resumable?: boolean;
}

/** One reading of a usage stream: a sample, or the word that the container is not running. */
export type StatsReading = { state: "running"; sample?: StatsSample } | { state: "stopped" };

export interface StatsSource {
  /** An object-mode stream of StatsReadings, about one a second, open while the container exists. */
  follow(containerId: string): Promise<Readable>;
}

export interface ExecOptions {
  argv: string[];
  user?: string;
  rows: number;
  cols: number;
}

/** A running interactive console: the TTY's bytes both ways. */
export interface ExecProcess {
  stream: Duplex;
  resize(rows: number, cols: number): Promise<void>;
  /** The command's exit code once it ended; null when the kind cannot tell. */
  exitCode(): Promise<number | null>;
}

export interface ExecSource {
  /** Starts a TTY command; rejects with a UserError a person can act on (not running, no such container). */
  open(containerId: string, options: ExecOptions): Promise<ExecProcess>;
}

/**
 * One long-lived connection to one endpoint, whatever its kind. The base runs the loop every kind needs: connect,
 * stay up while the upstream lives, probe when it ends, reconnect with exponential backoff, ping for liveness and
 * latency, re-list periodically (events are not a replay log). Subclasses provide the hooks below and register
 * their stores with `addStore`; nothing outside the kind's folder knows the subclass.
 */
export abstract class EndpointSession extends EventEmitter<SessionEvents> {
  abstract readonly kind: EndpointKind;
  health: EndpointHealth = { state: "connecting", since: Date.now() };
  facts: EngineFacts | undefined;
  /** Newest events of the endpoint, oldest first. */
  readonly recentEvents = new RingBuffer<EngineEvent>(EVENT_HISTORY);
  logs?: LogSource;
  exec?: ExecSource;
  stats?: StatsSource;

  protected stopped = false;
  private readonly stores = new Map<string, KeyedStore<unknown>>();
  private wake: (() => void) | null = null;
  private lost = false;
  private timers: NodeJS.Timeout[] = [];
  private eventSeq = 0;

  constructor(
    readonly endpointId: string,
    protected readonly log: Logger,
    private readonly timing: SessionTiming = DEFAULT_TIMING,
  ) {
    super();
    // Fan-out to many consumers is the point of a session; Node's default of 10 would warn of a leak.
    this.setMaxListeners(0);
  }

  /** What this endpoint offers right now (a Docker engine that is a swarm manager adds "swarm"). */
  abstract get capabilities(): ReadonlySet<Capability>;

  /** The kind's own client, for its narrowing accessor (dockerOf, kubeOf); never called by kind-neutral code. */
  abstract access(): unknown;

  /** Turns a failure talking to the endpoint into words a user can act on. */
  abstract describeError(err: unknown): string;

  /**
   * A failed request to the endpoint as the error a user sees (use cases map engine failures through this). Kinds
   * whose API answers with statuses override it to keep "not found" a 404; this default calls it a conflict.
   */
  userError(err: unknown): UserError {
    if (err instanceof UserError) return err;
    return new UserError(this.describeError(err), 409, "engine_error");
  }

  /** Check the peer is what it claims, open the live upstream (before listing), fill the stores. */
  protected abstract connect(): Promise<Connected>;
  /** A cheap liveness check; resolves with the round trip in ms, throws when the endpoint does not answer. */
  protected abstract probe(): Promise<number>;
  /** A full re-list of the stores, run periodically while up. */
  protected abstract reconcile(): Promise<void>;
  /** Drop the live upstream (a failed ping): the loop then reconnects. */
  protected abstract dropUpstream(): void;
  /** Release every connection for good (the session stops). */
  protected abstract close(): void;

  /** A container's full id asked of the endpoint itself (one the store has not seen yet); undefined if unknown. */
  async lookupContainer(_ref: string): Promise<string | undefined> {
    return undefined;
  }

  /** Container counts for the home page cards, when the kind has containers. */
  counts(): ContainerCounts | undefined {
    return undefined;
  }

  /**
   * A viewer needs this store (in one namespace, or all of it): kinds whose stores are fed on demand (Kubernetes
   * informers) start the feed here and stop it after the returned release. Stores always kept live ignore it.
   */
  retain(_store: string, _namespace?: string): () => void {
    return () => {};
  }

  store<T>(name: string): KeyedStore<T> | undefined {
    return this.stores.get(name) as KeyedStore<T> | undefined;
  }

  storeNames(): string[] {
    return [...this.stores.keys()];
  }

  /** Registers a live store by name; its diffs go out as the session's "store" events. */
  protected addStore<T>(name: string, keyOf: (item: T) => string): KeyedStore<T> {
    if (this.stores.has(name)) throw new Error(`store "${name}" registered twice`);
    const store = new KeyedStore<T>(name, keyOf);
    store.on("diff", (d) => this.emit("store", name, d as Diff<unknown>));
    this.stores.set(name, store as KeyedStore<unknown>);
    return store;
  }

  /** Whether this process holds the endpoint's upstream (start() ran); a replica's mirror never starts. */
  get owning(): boolean {
    return this.timers.length > 0;
  }

  start(): void {
    if (this.owning || this.stopped) return;
    void this.runLoop();
    this.timers.push(setInterval(() => void this.ping(), this.timing.pingEveryMs));
    this.timers.push(setInterval(() => void this.reconcileWhileUp(), this.timing.reconcileEveryMs));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.close();
    this.wake?.();
    this.removeAllListeners();
  }

  // ---- Mirroring (server/endpoints/session-mirror.ts): another replica owns the upstream and sends its state. ----

  /** The owner's health, as it reported it. */
  mirrorHealth(health: EndpointHealth): void {
    this.health = health;
    this.emit("health", health);
  }

  mirrorFacts(facts: EngineFacts | undefined): void {
    this.facts = facts;
    if (facts) this.emit("facts", facts);
  }

  mirrorEvent(event: EngineEvent): void {
    this.recentEvents.push(event);
    this.followEvent(event);
  }

  /**
   * Events of the owner's full state this mirror lacked (it started, or missed messages, while newer events already
   * came): merged in the engine's order, so the feed reads as the owner's does, each emitted once.
   */
  mirrorMissedEvents(missed: EngineEvent[]): void {
    if (!missed.length) return;
    const all = [...this.recentEvents.toArray(), ...missed];
    all.sort((a, b) => a.time - b.time || eventNumber(a) - eventNumber(b));
    this.recentEvents.reset(all);
    for (const e of missed) this.followEvent(e);
  }

  private followEvent(event: EngineEvent): void {
    // Ids stay unique when this replica takes the endpoint over and numbers its own events.
    const seq = eventNumber(event);
    if (Number.isInteger(seq) && seq > this.eventSeq) this.eventSeq = seq;
    this.emit("engineEvent", event);
  }

  /** What the owner's endpoint can do; a kind whose capabilities depend on the peer overrides this. */
  mirrorCapabilities(_capabilities: Capability[]): void {}

  /** The kind calls this when its live upstream ended (peer restarted or went away). */
  protected upstreamLost(): void {
    this.lost = true;
    this.wake?.();
  }

  protected setHealth(next: Omit<EndpointHealth, "since">): void {
    const prev = this.health;
    const since = prev.state === next.state ? prev.since : Date.now();
    this.health = { ...prev, ...next, since };
    // A reason only explains "down"; an "up" after an outage must not carry the old one.
    if (next.state !== "down") delete this.health.reason;
    if (next.state === "down") this.health = { state: "down", reason: next.reason, since, version: prev.version };
    this.emit("health", this.health);
  }

  /** New facts; emitted only when something other than the timestamp changed. */
  protected setFacts(facts: EngineFacts): void {
    const prev = this.facts;
    this.facts = facts;
    if (!prev || JSON.stringify({ ...prev, updatedAt: 0 }) !== JSON.stringify({ ...facts, updatedAt: 0 }))
      this.emit("facts", facts);
  }

  /** Numbers events per endpoint (`<endpointId>:<seq>`), keeps them for the feed and emits them. */
  protected nextEventSeq(): number {
    return ++this.eventSeq;
  }

  protected pushEvent(event: EngineEvent): void {
    this.recentEvents.push(event);
    this.emit("engineEvent", event);
  }

  private async runLoop(): Promise<void> {
    let backoff = this.timing.backoffMinMs;
    while (!this.stopped) {
      try {
        this.lost = false;
        const up = await this.connect();
        if (this.stopped) return;
        this.setHealth({ state: "up", ...up });
        backoff = this.timing.backoffMinMs;
        await this.untilLost();
        if (this.stopped) return;
        // The upstream ended: the peer went away or restarted. Decide with a probe rather than guessing.
        await this.probeHealth();
      } catch (err) {
        if (this.stopped) return;
        this.setHealth({ state: "down", reason: this.describeError(err) });
        this.log.debug({ endpointId: this.endpointId, err: this.describeError(err) }, "endpoint connect failed");
      }
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.timing.backoffMaxMs);
    }
  }

  private async probeHealth(): Promise<void> {
    const latencyMs = await this.probe();
    this.health = { ...this.health, latencyMs };
  }

  private untilLost(): Promise<void> {
    if (this.lost) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve();
      };
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  private async ping(): Promise<void> {
    if (this.stopped || this.health.state !== "up") return;
    try {
      await this.probeHealth();
      this.emit("health", this.health);
    } catch (err) {
      // A hung or vanished endpoint: drop the upstream so the loop reconnects with backoff.
      this.setHealth({ state: "down", reason: this.describeError(err) });
      this.dropUpstream();
    }
  }

  private async reconcileWhileUp(): Promise<void> {
    if (this.stopped || this.health.state !== "up") return;
    try {
      await this.reconcile();
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: this.describeError(err) }, "reconcile failed");
    }
  }
}
