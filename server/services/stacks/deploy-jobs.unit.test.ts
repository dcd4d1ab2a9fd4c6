import { describe, expect, it } from "vitest";
import type { Diff } from "@/lib/domain";
import type { DeployJob } from "@/lib/stack-deploy";
import { DeployJobs } from "./deploy-jobs";

// Deploys another replica runs reach this replica's deploys topic only as mirrored diffs (server/cluster/bridges.ts):
// they must be in the snapshot a new viewer gets, marked remote so they are not sent back over the bus, and trimmed
// like local ones.

const job = (id: string, state: DeployJob["state"]): DeployJob =>
  ({ id, endpointId: "ep", state, steps: [], pulls: [] }) as unknown as DeployJob;

describe("DeployJobs.mirror", () => {
  it("shows another replica's deploys in the snapshot, marks their diffs remote, and trims finished ones", () => {
    const jobs = new DeployJobs();
    const seen: { endpointId: string; diff: Diff<DeployJob>; remote?: boolean }[] = [];
    jobs.on("diff", (endpointId, diff, remote) => seen.push({ endpointId, diff, remote }));

    jobs.mirror("ep", { upsert: [job("r1", "running")], remove: [] });
    expect(jobs.snapshot("ep").map((j) => j.id)).toEqual(["r1"]);
    expect(jobs.snapshot("other")).toEqual([]);
    expect(seen).toEqual([{ endpointId: "ep", diff: { upsert: [job("r1", "running")], remove: [] }, remote: true }]);

    jobs.mirror("ep", { upsert: [job("r1", "done")], remove: [] });
    expect(jobs.snapshot("ep")).toMatchObject([{ id: "r1", state: "done" }]);

    // Twelve finished deploys from the other replica: the oldest beyond ten go, and the diff says so.
    for (let i = 2; i <= 12; i++) jobs.mirror("ep", { upsert: [job(`r${i}`, "done")], remove: [] });
    expect(jobs.snapshot("ep").map((j) => j.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 3}`));
    expect(seen.at(-1)?.diff.remove).toEqual(["r2"]);

    jobs.mirror("ep", { upsert: [], remove: ["r12"] });
    expect(jobs.snapshot("ep").some((j) => j.id === "r12")).toBe(false);
  });

  it("does not mark its own deploys remote", async () => {
    const jobs = new DeployJobs();
    const flags: (boolean | undefined)[] = [];
    jobs.on("diff", (_e, _d, remote) => flags.push(remote));
    await jobs.add(job("local", "running"), async (j) => {
      j.state = "done";
    });
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((f) => f === undefined)).toBe(true);
  });

  it("ends the running deploys of a replica that is gone, and only those", () => {
    const jobs = new DeployJobs();
    const seen: Diff<DeployJob>[] = [];
    jobs.on("diff", (_e, diff) => seen.push(diff));
    jobs.mirror("ep", { upsert: [job("dead-run", "running"), job("dead-done", "done")], remove: [] }, "replica-b");
    jobs.mirror("ep", { upsert: [job("live-run", "running")], remove: [] }, "replica-c");
    expect(jobs.hasRemoteRunning()).toBe(true);
    seen.length = 0;
    jobs.orphan((id) => id === "replica-c");
    expect(Object.fromEntries(jobs.snapshot("ep").map((j) => [j.id, j.state]))).toEqual({
      "dead-run": "failed",
      "dead-done": "done",
      "live-run": "running",
    });
    expect(jobs.snapshot("ep").find((j) => j.id === "dead-run")?.error).toMatch(/replica .* stopped/);
    expect(seen.map((d) => d.upsert.map((j) => j.id))).toEqual([["dead-run"]]);
    // The deploy lock (deploy-stack.ts) looks for a running deploy of the stack in this snapshot: the dead one's
    // deploy no longer holds it; the live replica's still does.
    jobs.orphan(() => false);
    expect(jobs.hasRemoteRunning()).toBe(false);
  });
});
