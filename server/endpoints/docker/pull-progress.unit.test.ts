import { describe, expect, it } from "vitest";
import { overallPercent, type PullJob } from "@/lib/pull-progress";
import { applyProgress } from "./pull-progress";

const job = (): PullJob => ({
  id: "j",
  endpointId: "e",
  ref: "x",
  state: "pulling",
  message: "",
  layers: [],
  current: 0,
  total: 0,
  startedAt: 0,
  by: "u",
});

describe("applyProgress", () => {
  it("folds layer progress into per-layer and overall bytes", () => {
    const j = job();
    applyProgress(j, { status: "Pulling from berth-test/private", id: "latest" });
    applyProgress(j, { status: "Already exists", id: "aaaaaaaaaaaa" });
    applyProgress(j, { status: "Pulling fs layer", id: "bbbbbbbbbbbb" });
    applyProgress(j, { status: "Pulling fs layer", id: "cccccccccccc" });
    expect(overallPercent(j)).toBeNull();
    applyProgress(j, { status: "Downloading", id: "bbbbbbbbbbbb", progressDetail: { current: 50, total: 100 } });
    applyProgress(j, { status: "Downloading", id: "cccccccccccc", progressDetail: { current: 0, total: 300 } });
    expect(j.current).toBe(50);
    expect(j.total).toBe(400);
    expect(overallPercent(j)).toBe(12);
    applyProgress(j, { status: "Download complete", id: "bbbbbbbbbbbb" });
    applyProgress(j, { status: "Extracting", id: "cccccccccccc", progressDetail: { current: 10, total: 300 } });
    expect(j.current).toBe(400);
    applyProgress(j, { status: "Digest: sha256:abc" });
    expect(j.message).toBe("Digest: sha256:abc");
    expect(j.layers.map((l) => l.id)).toEqual(["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"]);
  });
  it("marks an error and keeps its message bounded", () => {
    const j = applyProgress(job(), { errorDetail: { message: "x".repeat(2000) }, error: "x" });
    expect(j.state).toBe("failed");
    expect(j.error?.length).toBe(500);
  });
  it("reports 100% when done", () => {
    expect(overallPercent({ state: "done", current: 0, total: 0 })).toBe(100);
  });
});
