import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/events";
import type { EndpointSession } from "@/server/endpoints/session";
import { LogStream } from "./log-stream";
import { StatsSampler } from "./stats-sampler";

// A container's "start" event often reaches Berth while the first upstream open still waits for the engine (the
// events stream lags the CLI that started it). It must not open a second upstream: that one would be leaked and
// counted twice. A scripted session answers each open only when the test says so.

function scriptedSession() {
  const pending: ((s: PassThrough) => void)[] = [];
  const follow = () => new Promise<PassThrough>((resolve) => pending.push(resolve));
  const session = Object.assign(new EventEmitter(), {
    describeError: (e: unknown) => String(e),
    store: () => undefined,
    stats: { follow },
    logs: { follow: async () => ({ tty: false, stream: await follow() }) },
  }) as unknown as EndpointSession;
  const start: EngineEvent = {
    id: "ep:1",
    endpointId: "ep",
    type: "container",
    action: "start",
    actorId: "c1",
    name: "c1",
    attributes: {},
    time: 0,
  };
  return { session, pending, start };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("one upstream per container while an open is in flight", () => {
  it("stats: a start event during the first open opens nothing more", async () => {
    const { session, pending, start } = scriptedSession();
    const sampler = new StatsSampler(
      session,
      "c1",
      () => {},
      () => {},
    );
    sampler.start();
    await tick();
    session.emit("engineEvent", start);
    await tick();
    expect(pending).toHaveLength(1);
    pending[0]!(new PassThrough({ objectMode: true }));
    await tick();
    expect(sampler.opened).toBe(1);
    sampler.stop();
  });

  it("logs: a start event during the first open opens nothing more", async () => {
    const { session, pending, start } = scriptedSession();
    const ls = new LogStream(
      session,
      "c1",
      { since: "all", tail: 100, timestamps: false },
      {
        batch: () => {},
        state: () => {},
      },
    );
    ls.start();
    await tick();
    session.emit("engineEvent", start);
    await tick();
    expect(pending).toHaveLength(1);
    pending[0]!(new PassThrough({ objectMode: true }));
    await tick();
    expect(ls.opened).toBe(1);
    ls.stop();
  });
});
