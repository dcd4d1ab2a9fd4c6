import { EventEmitter } from "node:events";
import type { Diff } from "@/lib/domain";
import { type DeployJob, type DeployStep, MAX_STEPS } from "@/lib/stack-deploy";
import { applyProgress, type ProgressMessage } from "@/server/endpoints/docker/pull-progress";

const KEEP_FINISHED = 10;
const EMIT_EVERY_MS = 150;

interface Entry {
  job: DeployJob;
  dirty: boolean;
  done: Promise<void>;
}

/**
 * Compose deploys running and recently finished, per endpoint; each change goes out as a diff on the endpoint's
 * deploys topic, at most every 150 ms (pull progress is chatty). Lives on globalThis like the pull jobs: actions (in
 * Next's bundle) start deploys and the socket gateway (the custom server's bundle) serves them. Once finished, a
 * deploy's steps are also in the stack's history (database), which is what survives a restart.
 */
export class DeployJobs extends EventEmitter<{ diff: [string, Diff<DeployJob>, boolean?] }> {
  private readonly jobs = new Map<string, Entry>();
  /** Deploys running on other replicas, as their diffs told (server/cluster/bridges.ts); `true` marks those diffs. */
  private readonly remote = new Map<string, DeployJob>();
  private timer: NodeJS.Timeout | null = null;

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  add(job: DeployJob, run: (job: DeployJob) => Promise<void>): Promise<void> {
    const entry: Entry = { job, dirty: false, done: Promise.resolve() };
    this.jobs.set(job.id, entry);
    this.emit("diff", job.endpointId, { upsert: [structuredClone(job)], remove: [] });
    entry.done = run(job)
      .catch(() => {
        // run() records its own failures; this only keeps an unexpected one from going unhandled.
        job.state = "failed";
        job.error ??= "unexpected error";
      })
      .finally(() => {
        this.flush(entry);
        this.trim(job.endpointId);
      });
    return entry.done;
  }

  get(id: string): DeployJob | undefined {
    return this.jobs.get(id)?.job;
  }

  /** Resolves when the deploy has finished (tests and the redeploy webhook wait on it). */
  done(id: string): Promise<void> {
    return this.jobs.get(id)?.done ?? Promise.resolve();
  }

  step(id: string, step: Omit<DeployStep, "at">): void {
    const e = this.jobs.get(id);
    if (!e) return;
    if (e.job.steps.length < MAX_STEPS) e.job.steps.push({ ...step, at: Date.now() });
    this.touch(e);
  }

  pull(id: string, image: string, msg: ProgressMessage | null): void {
    const e = this.jobs.get(id);
    if (!e) return;
    let p = e.job.pulls.find((x) => x.ref === image);
    if (!p || msg === null) {
      p = {
        id: `${id}:${image}`,
        endpointId: e.job.endpointId,
        ref: image,
        state: "pulling",
        message: "Pulling",
        layers: [],
        current: 0,
        total: 0,
        startedAt: Date.now(),
        by: e.job.by,
      };
      e.job.pulls = [...e.job.pulls.filter((x) => x.ref !== image), p];
    }
    if (msg) applyProgress(p, msg);
    if (msg?.status?.startsWith("Status:")) p.state = "done";
    this.touch(e);
  }

  private touch(e: Entry): void {
    e.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      for (const entry of this.jobs.values()) if (entry.dirty) this.flush(entry);
    }, EMIT_EVERY_MS);
  }

  private flush(e: Entry): void {
    e.dirty = false;
    this.emit("diff", e.job.endpointId, { upsert: [structuredClone(e.job)], remove: [] });
  }

  snapshot(endpointId: string): DeployJob[] {
    const local = [...this.jobs.values()].map((e) => e.job);
    return [...local, ...this.remote.values()]
      .filter((j) => j.endpointId === endpointId)
      .map((j) => structuredClone(j));
  }

  /** Applies another replica's diff of its deploys, so every replica's deploys topic shows every deploy. */
  mirror(endpointId: string, diff: Diff<DeployJob>): void {
    for (const job of diff.upsert) this.remote.set(job.id, job);
    for (const id of diff.remove) this.remote.delete(id);
    // Finished deploys of other replicas are kept as long as local ones (their replica may die before trimming).
    const finished = [...this.remote.values()].filter((j) => j.endpointId === endpointId && j.state !== "running");
    const drop = finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)).map((j) => j.id);
    for (const id of drop) this.remote.delete(id);
    this.emit("diff", endpointId, { upsert: diff.upsert, remove: [...diff.remove, ...drop] }, true);
  }

  private trim(endpointId: string): void {
    const finished = [...this.jobs.values()].filter(
      (e) => e.job.endpointId === endpointId && e.job.state !== "running",
    );
    const drop = finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED));
    for (const e of drop) this.jobs.delete(e.job.id);
    if (drop.length) this.emit("diff", endpointId, { upsert: [], remove: drop.map((e) => e.job.id) });
  }
}

const KEY = Symbol.for("berth.deployJobs");
type Holder = { [KEY]?: DeployJobs };

export function deployJobs(): DeployJobs {
  const g = globalThis as Holder;
  g[KEY] ??= new DeployJobs();
  return g[KEY];
}
