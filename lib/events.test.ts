import { describe, expect, it } from "vitest";
import { baseAction, eventMatches, RingBuffer, toEngineEvent } from "./events";

const raw = {
  Type: "container",
  Action: "start",
  Actor: { ID: "abc123", Attributes: { name: "web", image: "busybox", "com.example.label": "x" } },
  time: 1700000000,
  timeNano: 1700000000123456000,
};

describe("toEngineEvent", () => {
  it("normalizes a container event", () => {
    expect(toEngineEvent("e1", raw, 7)).toEqual({
      id: "e1:7",
      endpointId: "e1",
      time: 1700000000123,
      type: "container",
      action: "start",
      actorId: "abc123",
      name: "web",
      attributes: { name: "web", image: "busybox", "com.example.label": "x" },
    });
  });
  it("names volumes and images by their id when there is no name attribute", () => {
    expect(toEngineEvent("e1", { Type: "volume", Action: "create", Actor: { ID: "data" }, time: 1 }, 1)?.name).toBe(
      "data",
    );
  });
  it("rejects junk and bounds what it keeps", () => {
    for (const bad of [null, 1, "x", {}, { Type: "container" }, { Action: "start" }, { Type: 1, Action: 2 }]) {
      expect(toEngineEvent("e1", bad, 1)).toBeNull();
    }
    const attrs = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, "v".repeat(5000)]));
    const ev = toEngineEvent("e1", { ...raw, Actor: { ID: "a", Attributes: attrs } }, 1)!;
    expect(Object.keys(ev.attributes).length).toBeLessThanOrEqual(12);
    expect(Object.values(ev.attributes).every((v) => v.length <= 200)).toBe(true);
  });
});

describe("eventMatches", () => {
  const ev = toEngineEvent("e1", { ...raw, Action: "exec_start: sh -c ls" }, 1)!;
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
