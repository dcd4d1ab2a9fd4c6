import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import Docker from "dockerode";
import { diffSnapshots } from "@/lib/diff";
import { type EngineContainer, toContainerSummary } from "@/lib/docker-map";
import type { ContainerSummary, Diff, EndpointHealth } from "@/lib/domain";
import type { Logger } from "@/server/log";
import { describeDockerError, dockerOptions, timeout } from "./connect";

const REQUEST_TIMEOUT_MS = 5_000;
const PING_EVERY_MS = 2_000;
const RECONCILE_EVERY_MS = 30_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 8_000;

export interface DockerSessionEvents {
  health: [EndpointHealth];
  containers: [Diff<ContainerSummary>];
  /** Every raw engine event, for consumers such as an events feed. */
  event: [Record<string, unknown>];
}

/**
 * One long-lived connection to a Docker engine: health, a single events stream and the container store it keeps
 * current. Every viewer of the endpoint reads from here; nothing else opens an events stream to the engine.
 */
export class DockerSession extends EventEmitter<DockerSessionEvents> {
  readonly containers = new Map<string, ContainerSummary>();
  health: EndpointHealth = { state: "connecting", since: Date.now() };
  /** Count of event streams opened over the session's life (benchmarks check it stays at one per connection). */
  eventStreamsOpened = 0;
  eventStreamsOpen = 0;

  /** For requests: bounded by a timeout so a hung engine cannot hold a caller. */
  readonly api: Docker;
  /** For the events stream only: no idle timeout, liveness is checked by pings instead. */
  private readonly streamClient: Docker;
  private stopped = false;
  private stream: Readable | null = null;
  private wake: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private refreshing = new Map<string, boolean>();

  constructor(
    readonly endpointId: string,
    url: string,
    private readonly log: Logger,
  ) {
    super();
    // Fan-out to many consumers is the point of a session; Node's default of 10 would warn of a leak.
    this.setMaxListeners(0);
    this.api = new Docker(dockerOptions({ url }, REQUEST_TIMEOUT_MS));
    this.streamClient = new Docker(dockerOptions({ url }));
  }

  start(): void {
    void this.runLoop();
    this.timers.push(setInterval(() => void this.ping(), PING_EVERY_MS));
    this.timers.push(setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.stream?.destroy();
    this.wake?.();
    this.removeAllListeners();
  }

  /** A client without request timeouts, for long-lived per-container streams (logs, stats, exec). */
  streams(): Docker {
    return this.streamClient;
  }

  snapshot(): ContainerSummary[] {
    return [...this.containers.values()];
  }

  private setHealth(next: Omit<EndpointHealth, "since">): void {
    const prev = this.health;
    const since = prev.state === next.state ? prev.since : Date.now();
    this.health = { ...prev, ...next, since };
    // A reason only explains "down"; an "up" after an outage must not carry the old one.
    if (next.state !== "down") delete this.health.reason;
    if (next.state === "down") this.health = { state: "down", reason: next.reason, since, version: prev.version };
    this.emit("health", this.health);
  }

  private async runLoop(): Promise<void> {
    let backoff = BACKOFF_MIN_MS;
    while (!this.stopped) {
      try {
        await this.connectOnce();
        backoff = BACKOFF_MIN_MS;
        await this.untilStreamEnds();
        if (this.stopped) return;
        // The stream ended: the engine went away or restarted. Decide with a ping rather than guessing.
        await this.probe();
      } catch (err) {
        if (this.stopped) return;
        this.setHealth({ state: "down", reason: describeDockerError(err) });
        this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "endpoint connect failed");
      }
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  private async probe(): Promise<void> {
    const t0 = performance.now();
    const pong = await timeout(this.api.ping(), REQUEST_TIMEOUT_MS);
    const text = Buffer.isBuffer(pong) ? pong.toString() : String(pong);
    if (text !== "OK")
      throw Object.assign(new Error("Not a Docker API: /_ping did not answer OK"), { code: "BERTH_NOT_DOCKER" });
    this.health = { ...this.health, latencyMs: Math.round(performance.now() - t0) };
  }

  private async connectOnce(): Promise<void> {
    const t0 = performance.now();
    const version = await timeout(this.api.version(), REQUEST_TIMEOUT_MS);
    if (!version || typeof version.ApiVersion !== "string") {
      throw Object.assign(new Error("Not a Docker API: /version has no ApiVersion"), { code: "BERTH_NOT_DOCKER" });
    }
    const latencyMs = Math.round(performance.now() - t0);
    // Open the stream before listing, so nothing that happens between the two is missed.
    const pending = this.streamClient.getEvents({ filters: { type: ["container"] } }) as unknown as Promise<Readable>;
    const stream = await timeout(pending, REQUEST_TIMEOUT_MS).catch((err) => {
      // A stream that arrives after the timeout has no owner: close it rather than leak the connection.
      pending.then(
        (late) => late.destroy(),
        () => {},
      );
      throw err;
    });
    // stop() ran while connecting: nobody would ever close this stream.
    if (this.stopped) return void stream.destroy();
    this.attachStream(stream);
    await this.relist();
    this.setHealth({ state: "up", version: version.Version, apiVersion: version.ApiVersion, latencyMs });
  }

  private attachStream(stream: Readable): void {
    this.stream = stream;
    this.eventStreamsOpened++;
    this.eventStreamsOpen++;
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.onEventLine(line);
        nl = buf.indexOf("\n");
      }
      // Guard against an endless line from a misbehaving peer.
      if (buf.length > 1_000_000) buf = "";
    });
    const done = () => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.eventStreamsOpen--;
      this.wake?.();
    };
    stream.on("error", done);
    stream.on("end", done);
    stream.on("close", done);
  }

  private untilStreamEnds(): Promise<void> {
    if (!this.stream) return Promise.resolve();
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

  private onEventLine(line: string): void {
    let ev: { Type?: string; Action?: string; id?: string; Actor?: { ID?: string } };
    try {
      ev = JSON.parse(line);
    } catch {
      return;
    }
    this.emit("event", ev as Record<string, unknown>);
    const id = ev.Actor?.ID ?? ev.id;
    if (ev.Type !== "container" || !id) return;
    // exec and attach events do not change the list row.
    if (ev.Action?.startsWith("exec_") || ev.Action === "attach" || ev.Action === "top") return;
    void this.refreshOne(id);
  }

  /** Re-reads one container after an event; coalesces bursts of events for the same id. */
  private async refreshOne(id: string): Promise<void> {
    if (this.refreshing.has(id)) {
      this.refreshing.set(id, true);
      return;
    }
    this.refreshing.set(id, false);
    try {
      do {
        this.refreshing.set(id, false);
        const list = (await this.api.listContainers({ all: true, filters: { id: [id] } })) as EngineContainer[];
        const found = list.find((c) => c.Id === id);
        if (found) {
          const next = toContainerSummary(this.endpointId, found);
          const prev = this.containers.get(id);
          if (!prev || JSON.stringify(prev) !== JSON.stringify(next)) {
            this.containers.set(id, next);
            this.emit("containers", { upsert: [next], remove: [] });
          }
        } else if (this.containers.delete(id)) {
          this.emit("containers", { upsert: [], remove: [id] });
        }
      } while (this.refreshing.get(id) && !this.stopped);
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "container refresh failed");
    } finally {
      this.refreshing.delete(id);
    }
  }

  /** Full list, replacing the store; emits what changed. Runs on every (re)connect and periodically. */
  private async relist(): Promise<void> {
    const list = (await timeout(this.api.listContainers({ all: true }), REQUEST_TIMEOUT_MS)) as EngineContainer[];
    const next = new Map(list.map((c) => [c.Id, toContainerSummary(this.endpointId, c)]));
    const diff = diffSnapshots(this.containers, next);
    this.containers.clear();
    for (const [k, v] of next) this.containers.set(k, v);
    if (diff.upsert.length || diff.remove.length) this.emit("containers", diff);
  }

  private async ping(): Promise<void> {
    if (this.stopped || this.health.state !== "up") return;
    try {
      await this.probe();
      this.emit("health", this.health);
    } catch (err) {
      // A hung or vanished engine: drop the stream so the loop reconnects with backoff.
      this.setHealth({ state: "down", reason: describeDockerError(err) });
      this.stream?.destroy();
    }
  }

  private async reconcile(): Promise<void> {
    if (this.stopped || this.health.state !== "up") return;
    try {
      await this.relist();
    } catch (err) {
      this.log.debug({ endpointId: this.endpointId, err: describeDockerError(err) }, "reconcile failed");
    }
  }
}
