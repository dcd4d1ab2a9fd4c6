import type { Readable } from "node:stream";
import { type RawStats, type StatsSample, toSample } from "@/lib/container-stats";
import { RingBuffer } from "@/lib/ring-buffer";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import type { DockerSession } from "@/server/endpoints/docker/docker-session";

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
  private stopped = false;
  private readonly onEngineEvent = (ev: Record<string, unknown>) => {
    const actor = ev.Actor as { ID?: string } | undefined;
    if (ev.Type !== "container" || actor?.ID !== this.containerId) return;
    if (ev.Action === "start") {
      if (this.state === "stopped") this.setState("streaming");
      if (!this.stream) void this.open();
    } else if (ev.Action === "die" && this.state === "streaming") {
      this.setState("stopped");
    }
  };

  constructor(
    private readonly session: DockerSession,
    readonly containerId: string,
    private readonly onSample: (s: StatsSample) => void,
    private readonly onState: (s: Omit<StatsSnapshot, "samples">) => void,
  ) {}

  start(): void {
    this.session.on("event", this.onEngineEvent);
    // Known to be stopped: say so at once instead of waiting for the first (zeroed) reading.
    if (isStopped(this.session.containers.get(this.containerId)?.state)) this.state = "stopped";
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    this.session.off("event", this.onEngineEvent);
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
    try {
      const stream = (await this.session
        .streams()
        .getContainer(this.containerId)
        .stats({ stream: true } as never)) as unknown as Readable;
      if (this.stopped) return void stream.destroy();
      this.opened++;
      this.stream = stream;
      if (this.state !== "stopped") this.setState("streaming");
      this.attach(stream);
    } catch (err) {
      if (this.stopped) return;
      const e = err as { statusCode?: number };
      this.setState("error", e.statusCode === 404 ? "No such container" : describeDockerError(err));
    }
  }

  private attach(stream: Readable): void {
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) this.onLine(line);
      }
      if (buf.length > 1_000_000) buf = "";
    });
    const done = (err?: Error) => {
      if (this.stream !== stream) return;
      this.stream = null;
      if (!this.stopped) this.setState(err ? "error" : "ended", err ? describeDockerError(err) : undefined);
    };
    stream.on("error", (err) => done(err));
    stream.on("end", () => done());
    stream.on("close", () => done());
  }

  private onLine(line: string): void {
    let raw: RawStats;
    try {
      raw = JSON.parse(line);
    } catch {
      return;
    }
    // A stopped container streams zeroed readings; they are not samples, but they say it is not running.
    if (!raw.cpu_stats?.system_cpu_usage) {
      if (this.state !== "stopped") this.setState("stopped");
      return;
    }
    if (this.state !== "streaming") this.setState("streaming");
    // The first reading of a stream (or after a start) has no previous one to diff against: its CPU figure would be
    // meaningless.
    if (!raw.precpu_stats?.system_cpu_usage) return;
    const sample = toSample(raw);
    this.history.push(sample);
    this.onSample(sample);
  }
}
