import { describe, expect, it } from "vitest";
import { toEngineEvent } from "./docker-events";

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
  it("keeps the exit code of a container with many labels (the engine sorts attributes by key)", () => {
    const labels = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`com.example.l${i}`, "x"]));
    const ev = toEngineEvent(
      "e1",
      { ...raw, Action: "die", Actor: { ID: "a", Attributes: { ...labels, exitCode: "3", image: "i", name: "n" } } },
      1,
    )!;
    expect(ev.attributes).toMatchObject({ exitCode: "3", image: "i", name: "n" });
  });
});
