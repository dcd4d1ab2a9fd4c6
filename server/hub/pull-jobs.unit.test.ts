import { describe, expect, it } from "vitest";
import type { PullJob } from "@/lib/pull-progress";
import { PullJobs } from "./pull-jobs";

// Pulls of other replicas are known only from their diffs: a replica killed mid-pull never sends the last one, so
// its pulls must end (failed) once it is gone, or they would spin forever and count against the endpoint's limit.

const pull = (id: string, state: PullJob["state"]): PullJob => ({
  id,
  endpointId: "ep",
  ref: "busybox:latest",
  state,
  message: state,
  layers: [],
  current: 0,
  total: 0,
  startedAt: 0,
  by: "admin",
});

describe("PullJobs.orphan", () => {
  it("fails the running pulls of replicas that are gone, keeps the others", () => {
    const jobs = new PullJobs();
    const flags: (boolean | undefined)[] = [];
    jobs.on("diff", (_e, _d, remote) => flags.push(remote));
    jobs.mirror("ep", { upsert: [pull("dead", "pulling"), pull("dead-done", "done")], remove: [] }, "replica-b");
    jobs.mirror("ep", { upsert: [pull("live", "pulling")], remove: [] }, "replica-c");
    expect(jobs.hasRemoteRunning()).toBe(true);
    jobs.orphan((id) => id === "replica-c");
    expect(Object.fromEntries(jobs.snapshot("ep").map((j) => [j.id, j.state]))).toEqual({
      dead: "failed",
      "dead-done": "done",
      live: "pulling",
    });
    expect(jobs.snapshot("ep").find((j) => j.id === "dead")?.message).toMatch(/replica .* stopped/);
    // Every one of these diffs is marked remote: the bridge does not send them back over the bus.
    expect(flags.every((f) => f === true)).toBe(true);
    jobs.orphan(() => false);
    expect(jobs.hasRemoteRunning()).toBe(false);
  });
});
