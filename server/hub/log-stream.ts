import type { Readable } from "node:stream";
import { DockerDemuxer, LineSplitter, splitTimestamp } from "@/lib/docker-stream";
import { type LogLine, type LogOptions, type LogSnapshot, sinceToUnix } from "@/lib/log-options";
import { RingBuffer } from "@/lib/ring-buffer";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import type { DockerSession } from "@/server/endpoints/docker/docker-session";

export const BACKLOG_LINES = 20_000;
export const BACKLOG_BYTES = 8 * 1024 * 1024;
export const BATCH_MS = 50;
/** Lines per batch; beyond that a flood is thinned (oldest unsent dropped) so no browser gets more than ~100k/s. */
export const MAX_BATCH_LINES = 5_000;

export interface LogStreamEvents {
  batch(lines: LogLine[], dropped: number): void;
  state(s: Pick<LogSnapshot, "state" | "error">): void;
}

/**
 * One upstream `docker logs --follow` for one (container, options): demuxed into stdout/stderr lines, kept in a
 * bounded backlog (lines and bytes), and handed out in batches every BATCH_MS. Follows the container across
 * restarts: when it starts again, the stream reopens from where it ended.
 */
export class LogStream {
  readonly backlog = new RingBuffer<LogLine>(BACKLOG_LINES, (l) => l.text.length * 2 + 64, BACKLOG_BYTES);
  tty = false;
  state: LogSnapshot["state"] = "streaming";
  error?: string;
  /** Upstream streams opened over this object's life (tests count them). */
  opened = 0;
  private seq = 0;
  private pending: LogLine[] = [];
  private droppedPending = 0;
  private timer: NodeJS.Timeout | null = null;
  private stream: Readable | null = null;
  private stopped = false;
  private endedAt = 0;
  private readonly onEngineEvent = (ev: Record<string, unknown>) => {
    const actor = ev.Actor as { ID?: string } | undefined;
    if (ev.Type === "container" && ev.Action === "start" && actor?.ID === this.containerId && !this.stream) {
      void this.open(Math.max(0, this.endedAt - 1), "all");
    }
  };

  constructor(
    private readonly session: DockerSession,
    readonly containerId: string,
    private readonly options: LogOptions,
    private readonly events: LogStreamEvents,
  ) {}

  start(): void {
    this.session.on("event", this.onEngineEvent);
    void this.open(sinceToUnix(this.options.since), this.options.tail);
  }

  stop(): void {
    this.stopped = true;
    this.session.off("event", this.onEngineEvent);
    this.stream?.destroy();
    this.stream = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }

  snapshot(): LogSnapshot {
    // Lines still waiting for their batch are in the backlog already; a new viewer gets them here, and skips them
    // in the next batch by seq.
    return { lines: this.backlog.toArray(), tty: this.tty, state: this.state, error: this.error };
  }

  private setState(state: LogSnapshot["state"], error?: string): void {
    this.state = state;
    this.error = error;
    this.events.state({ state, error });
  }

  private async open(since: number, tail: number | "all"): Promise<void> {
    try {
      const c = this.session.streams().getContainer(this.containerId);
      const info = await this.session.api.getContainer(this.containerId).inspect();
      this.tty = Boolean(info.Config?.Tty);
      const stream = (await c.logs({
        follow: true,
        stdout: true,
        stderr: true,
        timestamps: this.options.timestamps,
        since,
        tail: tail === "all" ? "all" : tail,
      } as never)) as unknown as Readable;
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
    const demux = this.tty ? null : new DockerDemuxer();
    const splitters = { out: new LineSplitter(), err: new LineSplitter() };
    const take = (kind: "out" | "err", texts: string[]) => {
      for (const raw of texts) this.add(kind, raw);
    };
    stream.on("data", (chunk: Buffer) => {
      if (!demux) return take("out", splitters.out.push(chunk));
      for (const f of demux.push(chunk)) {
        const kind = f.stream === 2 ? "err" : "out";
        take(kind, splitters[kind].push(f.payload));
      }
    });
    const done = (err?: Error) => {
      if (this.stream !== stream) return;
      this.stream = null;
      take("out", splitters.out.flush());
      take("err", splitters.err.flush());
      this.endedAt = Math.floor(Date.now() / 1000);
      if (!this.stopped) this.setState(err ? "error" : "ended", err ? describeDockerError(err) : undefined);
    };
    stream.on("error", (err) => done(err));
    stream.on("end", () => done());
    stream.on("close", () => done());
  }

  private add(stream: "out" | "err", raw: string): void {
    const { ts, text } = this.options.timestamps ? splitTimestamp(raw) : { ts: undefined, text: raw };
    const line: LogLine = ts ? { seq: ++this.seq, stream, text, ts } : { seq: ++this.seq, stream, text };
    this.backlog.push(line);
    this.pending.push(line);
    if (this.pending.length > MAX_BATCH_LINES * 2) {
      const cut = this.pending.length - MAX_BATCH_LINES;
      this.pending = this.pending.slice(cut);
      this.droppedPending += cut;
    }
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = null;
    if (!this.pending.length) return;
    let lines = this.pending;
    let dropped = this.droppedPending;
    if (lines.length > MAX_BATCH_LINES) {
      dropped += lines.length - MAX_BATCH_LINES;
      lines = lines.slice(-MAX_BATCH_LINES);
    }
    this.pending = [];
    this.droppedPending = 0;
    this.events.batch(lines, dropped);
  }
}
