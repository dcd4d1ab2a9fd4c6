import { describe, expect, it } from "vitest";
import { describeState, verbsFor } from "./container-state";

const now = Date.parse("2026-11-29T12:00:00Z");

describe("describeState", () => {
  it("reads like a person would say it", () => {
    expect(describeState({ state: "running", startedAt: "2026-11-29T09:00:00Z" }, now)).toBe("up 3 h");
    expect(describeState({ state: "exited", finishedAt: "2026-11-29T11:55:00Z", exitCode: 137 }, now)).toBe(
      "exited 5 min ago with code 137",
    );
    expect(describeState({ state: "created", startedAt: "0001-01-01T00:00:00Z" }, now)).toBe("created, never started");
    expect(describeState({ state: "running", startedAt: "0001-01-01T00:00:00Z" }, now)).toBe("running");
  });
});

describe("verbsFor", () => {
  it("offers what the state allows", () => {
    expect(verbsFor("running")).toEqual(["stop", "restart", "kill", "pause", "remove"]);
    expect(verbsFor("paused")).toContain("resume");
    expect(verbsFor("paused")).not.toContain("pause");
    expect(verbsFor("exited")).toEqual(["start", "remove"]);
  });
});
