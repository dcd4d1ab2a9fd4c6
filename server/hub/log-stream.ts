import type { Readable } from "node:stream";
import { NotFoundError, UserError } from "@/lib/errors";
import type { EngineEvent } from "@/lib/events";
import { LineSplitter, splitTimestamp } from "@/lib/log-lines";
import { type LogLine, type LogOptions, type LogSnapshot, sinceToUnix } from "@/lib/log-options";
import { RingBuffer } from "@/lib/ring-buffer";
import type { EndpointSession, LogChunk, LogOrigin } from "@/server/endpoints/session";

export type { LogOrigin };

export const BACKLOG_LINES = 20_000;
export const BACKLOG_BYTES = 8 * 1024 * 1024;
export const BATCH_MS = 50;
/** Lines per batch; beyond that a flood is thinned (oldest unsent dropped) so no browser gets more than ~100k/s. */
export const MAX_BATCH_LINES = 5_000;
/** Reopening a resumable origin: first after this, doubling up to RESUME_MAX_MS; reset once a stream delivers. */
export const RESUME_FIRST_MS = 1_000;
export const RESUME_MAX_MS = 30_000;

export interface LogStreamEvents {
  batch(lines: LogLine[], dropped: number): void;
  state(s: Pick<LogSnapshot, "state" | "error">): void;
}

/**
 * One upstream `docker logs --follow` for one (container, options): demuxed into stdout/stderr lines, kept in a
 * bounded backlog (lines and bytes), and handed out in batches every BATCH_MS. Follows the container across
 * restarts: when it starts again, the stream reopens from where it ended. A resumable origin (a service's logs) is
 * reopened by itself when its stream ends or fails, with backoff, from where it ended.
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
  /** An open in flight: a container's "start" event (or a resume) may come while one still waits for the engine. */
  private opening = false;
  private stopped = false;
  private endedAt = 0;
  private resumeDelay = RESUME_FIRST_MS;
  private resumeTimer: NodeJS.Timeout | null = null;
  private readonly onEngineEvent = (ev: EngineEvent) => {
    if (this.origin) return;
    if (
      ev.type === "container" &&
      ev.action === "start" &&
      ev.actorId === this.containerId &&
      !this.stream &&
      !this.opening
    ) {
      void this.open(Math.max(0, this.endedAt - 1), "all");
    }
  };

  constructor(
    private readonly session: EndpointSession,
    readonly containerId: string,
    private readonly options: LogOptions,
    private readonly events: LogStreamEvents,
    /** Another source than the container `containerId` (then only a name for logs and errors). */
    private readonly origin?: LogOrigin,
  ) {}

  start(): void {
    this.session.on("engineEvent", this.onEngineEvent);
    void this.open(sinceToUnix(this.options.since), this.options.tail);
  }

  stop(): void {
    this.stopped = true;
    this.session.off("engineEvent", this.onEngineEvent);
    this.stream?.destroy();
    this.stream = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.pending = [];
  }

  /** A resumable origin's stream ended or could not be opened: try again later, unless the origin is gone. */
  private resume(err?: unknown): void {
    if (this.stopped || !this.origin?.resumable || err instanceof NotFoundError || this.resumeTimer) return;
    const delay = this.resumeDelay;
    this.resumeDelay = Math.min(RESUME_MAX_MS, this.resumeDelay * 2);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.stopped && !this.stream && !this.opening) void this.open(Math.max(0, this.endedAt - 1), "all");
    }, delay);
    this.resumeTimer.unref?.();
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
    if (this.opening) return;
    this.opening = true;
    try {
      const o = { follow: true, timestamps: this.options.timestamps, since, tail };
      if (!this.origin && !this.session.logs)
        throw new UserError("This endpoint does not stream logs", 409, "unsupported");
      const opened = this.origin ? await this.origin.open(o) : await this.session.logs!.follow(this.containerId, o);
      this.tty = opened.tty;
      if (this.stopped) return void opened.stream.destroy();
      this.opened++;
      this.stream = opened.stream;
      this.setState("streaming");
      this.attach(opened.stream);
    } catch (err) {
      if (this.stopped) return;
      this.setState("error", err instanceof UserError ? err.message : this.session.describeError(err));
      this.resume(err);
    } finally {
      this.opening = false;
    }
  }

  private attach(stream: Readable): void {
    const splitters = { out: new LineSplitter(), err: new LineSplitter() };
    const take = (kind: "out" | "err", texts: string[]) => {
      for (const raw of texts) this.add(kind, raw);
    };
    stream.on("data", (chunk: LogChunk) => {
      this.resumeDelay = RESUME_FIRST_MS;
      take(chunk.stream, splitters[chunk.stream].push(chunk.data));
    });
    const done = (err?: Error) => {
      if (this.stream !== stream) return;
      this.stream = null;
      take("out", splitters.out.flush());
      take("err", splitters.err.flush());
      this.endedAt = Math.floor(Date.now() / 1000);
      if (!this.stopped) this.setState(err ? "error" : "ended", err ? this.session.describeError(err) : undefined);
      this.resume();
    };
    stream.on("error", (err) => done(err));
    stream.on("end", () => done());
    stream.on("close", () => done());
  }

  private add(stream: "out" | "err", raw: string): void {
    let { ts, text } = this.options.timestamps ? splitTimestamp(raw) : { ts: undefined, text: raw };
    let origin: { task?: string; node?: string } = {};
    if (this.origin?.split) {
      ({ text, ...origin } = this.origin.split(text));
      // Whichever order the engine writes the time and the details in, the time is found.
      if (this.options.timestamps && !ts) ({ ts, text } = splitTimestamp(text));
    }
    const line: LogLine = ts ? { seq: ++this.seq, stream, text, ts } : { seq: ++this.seq, stream, text };
    if (origin.task) line.task = origin.task;
    if (origin.node) line.node = origin.node;
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
