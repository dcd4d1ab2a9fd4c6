import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/events";
import { EventReplay } from "./event-replay";

const ev = (time: number, actorId: string, action: string): EngineEvent => ({
  id: `ep:${time}`,
  endpointId: "ep",
  time,
  type: "container",
  action,
  actorId,
  name: actorId,
  attributes: {},
});

describe("EventReplay", () => {
  it("resumes from the newest known event and drops only what the feed already has", () => {
    const now = 1_800_000_000_000;
    const known = [ev(now - 3_000, "a", "start"), ev(now - 1_000, "a", "die"), ev(now - 2_000, "b", "start")];
    const replay = EventReplay.after(known, now)!;
    // The engine's `since` is inclusive: the newest known millisecond, in seconds.
    expect(replay.since).toBe((now - 1_000) / 1000);
    expect(replay.known(ev(now - 2_000, "b", "start"))).toBe(true);
    expect(replay.known(ev(now - 1_000, "a", "die"))).toBe(true);
    // Same millisecond, another event: the feed does not have it.
    expect(replay.known(ev(now - 1_000, "b", "die"))).toBe(false);
    // The first event after the newest known one ends the replay: everything from then on is new.
    expect(replay.known(ev(now - 500, "a", "start"))).toBe(false);
    expect(replay.known(ev(now - 3_000, "a", "start"))).toBe(false);
  });

  it("does not resume without events; after a long quiet spell it resumes from the window's start", () => {
    const now = 1_800_000_000_000;
    expect(EventReplay.after([], now)).toBeNull();
    const replay = EventReplay.after([ev(now - 10 * 60_000, "a", "start")], now)!;
    expect(replay.since).toBe((now - 5 * 60_000) / 1000);
    // Everything from the window on is newer than the newest known event: none of it is dropped.
    expect(replay.known(ev(now - 60_000, "a", "die"))).toBe(false);
  });
});
