import type { Readable } from "node:stream";
import type { StatsSample } from "@/lib/container-stats";
import type { ContainerSummary } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { EngineEvent } from "@/lib/events";
import { RingBuffer } from "@/lib/ring-buffer";
import type { EndpointSession, StatsReading } from "@/server/endpoints/session";

const RUNNING = new Set(["running", "paused", "restarting"]);
/** A container state from the store that gives no stats (unknown states are not assumed stopped). */
export const isStopped = (state: string | undefined) => state !== undefined && !RUNNING.has(state);

/** 20 minutes at the engine's 1 s cadence: more than the 15 minutes a new viewer should see at once. */
export const STATS_HISTORY = 1_200;

export interface StatsSnapshot {
  samples: StatsSample[];
  /** "stopped": the container is not running; the stream stays open and samples resume when it starts. */
  state: "streaming" | "stopped" | "ended" | "error";
  error?: string;
}

/**
 * One `docker stats` stream for one container, for any number of viewers. Samples go into a ring buffer (history
 * for new viewers) and out to `onSample`. While the container is not running the engine keeps the stream open with
 * zeroed readings: the state says "stopped" then, and returns to "streaming" when it starts. Reopens when the
 * container starts again after the stream ended.
 */
export class StatsSampler {
  readonly history = new RingBuffer<StatsSample>(STATS_HISTORY);
  state: StatsSnapshot["state"] = "streaming";
  error?: string;
  opened = 0;
  private stream: Readable | null = null;
  /** An open in flight: a container's "start" event often arrives while the first open still waits for the engine. */
  private opening = false;
  private stopped = false;
  private readonly onEngineEvent = (ev: EngineEvent) => {
    if (ev.type !== "container" || ev.actorId !== this.containerId) return;
    if (ev.action === "start") {
      if (this.state === "stopped") this.setState("streaming");
      if (!this.stream && !this.opening) void this.open();
    } else if (ev.action === "die" && this.state === "streaming") {
      this.setState("stopped");
    }
  };

  constructor(
    private readonly session: EndpointSession,
    readonly containerId: string,
    private readonly onSample: (s: StatsSample) => void,
    private readonly onState: (s: Omit<StatsSnapshot, "samples">) => void,
  ) {}

  start(): void {
    this.session.on("engineEvent", this.onEngineEvent);
    // Known to be stopped: say so at once instead of waiting for the first (zeroed) reading.
    const known = this.session.store<ContainerSummary>("containers")?.get(this.containerId);
    if (isStopped(known?.state)) this.state = "stopped";
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    this.session.off("engineEvent", this.onEngineEvent);
    this.stream?.destroy();
    this.stream = null;
  }

  /** The newest sample while the stream is live; none once it ended (a stopped container has no current usage). */
  latest(): StatsSample | undefined {
    return this.stream ? this.history.last() : undefined;
  }

  snapshot(): StatsSnapshot {
    return { samples: this.history.toArray(), state: this.state, error: this.error };
  }

  private setState(state: StatsSnapshot["state"], error?: string): void {
    this.state = state;
    this.error = error;
    this.onState({ state, error });
  }

  private async open(): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    try {
      if (!this.session.stats) throw new UserError("This endpoint does not report usage", 409, "unsupported");
      const stream = await this.session.stats.follow(this.containerId);
      if (this.stopped) return void stream.destroy();
      this.opened++;
      this.stream = stream;
      if (this.state !== "stopped") this.setState("streaming");
      this.attach(stream);
    } catch (err) {
      if (this.stopped) return;
      this.setState("error", err instanceof UserError ? err.message : this.session.describeError(err));
    } finally {
      this.opening = false;
    }
  }

  private attach(stream: Readable): void {
    stream.on("data", (reading: StatsReading) => this.onReading(reading));
    const done = (err?: Error) => {
      if (this.stream !== stream) return;
      this.stream = null;
      if (!this.stopped) this.setState(err ? "error" : "ended", err ? this.session.describeError(err) : undefined);
    };
    stream.on("error", (err) => done(err));
    stream.on("end", () => done());
    stream.on("close", () => done());
  }

  private onReading(reading: StatsReading): void {
    // A stopped container streams zeroed readings; they are not samples, but they say it is not running.
    if (reading.state === "stopped") {
      if (this.state !== "stopped") this.setState("stopped");
      return;
    }
    if (this.state !== "streaming") this.setState("streaming");
    // The first reading of a stream (or after a start) has no previous one to diff against: no sample yet.
    if (!reading.sample) return;
    this.history.push(reading.sample);
    this.onSample(reading.sample);
  }
}
