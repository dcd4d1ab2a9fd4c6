import { describe, expect, it } from "vitest";
import { baseAction, type EngineEvent, eventMatches, RingBuffer } from "./events";

describe("eventMatches", () => {
  const ev: EngineEvent = {
    id: "e1:1",
    endpointId: "e1",
    time: 1700000000123,
    type: "container",
    action: "exec_start",
    actorId: "abc123",
    name: "web",
    attributes: { name: "web", image: "busybox" },
  };
  it("filters by type, base action and object (name or id, case-insensitive)", () => {
    expect(eventMatches(ev, {})).toBe(true);
    expect(eventMatches(ev, { type: "container" })).toBe(true);
    expect(eventMatches(ev, { type: "image" })).toBe(false);
    expect(eventMatches(ev, { action: "exec_start" })).toBe(true);
    expect(eventMatches(ev, { action: "start" })).toBe(false);
    expect(eventMatches(ev, { object: "WE" })).toBe(true);
    expect(eventMatches(ev, { object: "abc1" })).toBe(true);
    expect(eventMatches(ev, { object: "db" })).toBe(false);
  });
  it("strips action details", () => {
    expect(baseAction("health_status: healthy")).toBe("health_status");
    expect(baseAction("die")).toBe("die");
  });
});

describe("RingBuffer", () => {
  it("keeps the newest items only", () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });
});
