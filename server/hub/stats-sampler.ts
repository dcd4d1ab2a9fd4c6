import type { Readable } from "node:stream";
import { type RawStats, type StatsSample, toSample } from "@/lib/container-stats";
import { RingBuffer } from "@/lib/ring-buffer";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import type { DockerSession } from "@/server/endpoints/docker/docker-session";

/** 20 minutes at the engine's 1 s cadence: more than the 15 minutes a new viewer should see at once. */
export const STATS_HISTORY = 1_200;

export interface StatsSnapshot {
  samples: StatsSample[];
  state: "streaming" | "ended" | "error";
  error?: string;
}

/**
 * One `docker stats` stream for one container, for any number of viewers. Samples go into a ring buffer (history
 * for new viewers) and out to `onSample`. Reopens when the container starts again.
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
    if (ev.Type === "container" && ev.Action === "start" && actor?.ID === this.containerId && !this.stream) {
      void this.open();
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
      this.setState("streaming");
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
    // The first reading of a stream has no previous one to diff against: its CPU figure would be meaningless.
    if (!raw.precpu_stats?.system_cpu_usage) return;
    // A stopped container streams zeroed readings; they are not samples.
    if (!raw.cpu_stats?.system_cpu_usage) return;
    const sample = toSample(raw);
    this.history.push(sample);
    this.onSample(sample);
  }
}
