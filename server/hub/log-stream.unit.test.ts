import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors";
import type { LogLine, LogOptions } from "@/lib/log-options";
import type { EndpointSession, LogOrigin } from "@/server/endpoints/session";
import { LogStream, RESUME_FIRST_MS } from "./log-stream";

// The hub's reopening of a resumable log origin (a service's logs), driven by a scripted origin: each open hands out
// the next stream or failure. What the engine does is covered by the swarm integration tests; this is the hub's rule.

const session = Object.assign(new EventEmitter(), {
  describeError: (e: unknown) => String(e),
}) as unknown as EndpointSession;
const options: LogOptions = { since: "all", tail: 100, timestamps: false };

function scripted(resumable: boolean, steps: (PassThrough | Error)[]) {
  const seen: { since: number; tail: number | "all" }[] = [];
  const origin: LogOrigin = {
    resumable,
    async open(o) {
      seen.push({ since: o.since, tail: o.tail });
      const next = steps.shift();
      if (!next) throw new Error("no more");
      if (next instanceof Error) throw next;
      return { tty: false, stream: next };
    },
  };
  return { origin, seen };
}
const say = (s: PassThrough, text: string) => s.write({ stream: "out", data: Buffer.from(`${text}\n`) });

afterEach(() => vi.useRealTimers());

describe("log streams of resumable origins", () => {
  it("reopen after the stream ends or fails, with growing delays, from where it ended; lines keep flowing", async () => {
    vi.useFakeTimers();
    const [a, b] = [new PassThrough({ objectMode: true }), new PassThrough({ objectMode: true })];
    const { origin, seen } = scripted(true, [a, new Error("connection refused"), b]);
    const got: string[] = [];
    const states: string[] = [];
    const ls = new LogStream(
      session,
      "svc",
      options,
      {
        batch: (lines: LogLine[]) => got.push(...lines.map((l) => l.text)),
        state: (s) => states.push(s.state),
      },
      origin,
    );
    ls.start();
    await vi.advanceTimersByTimeAsync(0);
    say(a, "one");
    a.end();
    await vi.advanceTimersByTimeAsync(100);
    expect(states.at(-1)).toBe("ended");
    expect(seen).toHaveLength(1);
    // The stream ended at t=0: the first reopen is at RESUME_FIRST_MS.
    await vi.advanceTimersByTimeAsync(RESUME_FIRST_MS - 100 + 1);
    // The second open fails: the next try waits twice as long.
    expect(seen).toHaveLength(2);
    expect(states.at(-1)).toBe("error");
    await vi.advanceTimersByTimeAsync(RESUME_FIRST_MS * 2 - 10);
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(20);
    expect(seen).toHaveLength(3);
    expect(seen[2]?.tail).toBe("all");
    expect(states.at(-1)).toBe("streaming");
    say(b, "two");
    await vi.advanceTimersByTimeAsync(100);
    expect(got).toEqual(["one", "two"]);
    expect(ls.opened).toBe(2);
    ls.stop();
    b.end();
    await vi.advanceTimersByTimeAsync(RESUME_FIRST_MS * 10);
    expect(seen).toHaveLength(3);
  });

  it("stop reopening once the origin is gone, and never reopen an origin that is not resumable", async () => {
    vi.useFakeTimers();
    const a = new PassThrough({ objectMode: true });
    const gone = scripted(true, [a, new NotFoundError("No such service")]);
    const states: string[] = [];
    const ls = new LogStream(
      session,
      "svc",
      options,
      { batch: () => {}, state: (s) => states.push(s.state) },
      gone.origin,
    );
    ls.start();
    await vi.advanceTimersByTimeAsync(0);
    a.end();
    await vi.advanceTimersByTimeAsync(RESUME_FIRST_MS * 60);
    expect(gone.seen).toHaveLength(2);
    expect(states.at(-1)).toBe("error");
    ls.stop();

    const c = new PassThrough({ objectMode: true });
    const once = scripted(false, [c]);
    const ls2 = new LogStream(session, "pod", options, { batch: () => {}, state: () => {} }, once.origin);
    ls2.start();
    await vi.advanceTimersByTimeAsync(0);
    c.end();
    await vi.advanceTimersByTimeAsync(RESUME_FIRST_MS * 60);
    expect(once.seen).toHaveLength(1);
    ls2.stop();
  });
});
