import { EventEmitter } from "node:events";
import type { Diff } from "@/lib/domain";
import type { PullJob } from "@/lib/pull-progress";

const KEEP_FINISHED = 20;
const EMIT_EVERY_MS = 150;

interface Entry {
  job: PullJob;
  abort: AbortController;
  dirty: boolean;
}

/**
 * Image pulls in progress and recently finished, per endpoint. Progress goes out as diffs on the pulls topic, at most
 * every 150 ms per job, however fast the engine reports. Lives on globalThis: server actions (in Next's bundle)
 * start pulls and the socket gateway (in the custom server's bundle) reads them.
 */
export class PullJobs extends EventEmitter<{ diff: [string, Diff<PullJob>, boolean?] }> {
  private readonly jobs = new Map<string, Entry>();
  /** Pulls running on other replicas, as their diffs told (server/cluster/bridges.ts); `true` marks those diffs. */
  private readonly remote = new Map<string, PullJob>();
  private timer: NodeJS.Timeout | null = null;

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  add(job: PullJob, abort: AbortController): void {
    this.jobs.set(job.id, { job, abort, dirty: false });
    this.emit("diff", job.endpointId, { upsert: [structuredClone(job)], remove: [] });
    this.trim(job.endpointId);
  }

  get(id: string): Entry | undefined {
    return this.jobs.get(id);
  }

  /** Marks a job changed; the next tick sends it. Finished jobs are sent at once. */
  touch(id: string): void {
    const e = this.jobs.get(id);
    if (!e) return;
    if (e.job.state !== "pulling") {
      this.flush(e);
      return;
    }
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

  snapshot(endpointId: string): PullJob[] {
    const local = [...this.jobs.values()].map((e) => e.job);
    return [...local, ...this.remote.values()]
      .filter((j) => j.endpointId === endpointId)
      .map((j) => structuredClone(j));
  }

  /** A pull another replica runs (cancelled through the bus, not here). */
  remoteJob(id: string): PullJob | undefined {
    return this.remote.get(id);
  }

  /** Applies another replica's diff of its pulls. */
  mirror(endpointId: string, diff: Diff<PullJob>): void {
    for (const job of diff.upsert) this.remote.set(job.id, job);
    for (const id of diff.remove) this.remote.delete(id);
    // Finished pulls of other replicas are kept as long as local ones.
    const finished = [...this.remote.values()].filter((j) => j.endpointId === endpointId && j.state !== "pulling");
    const drop = finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)).map((j) => j.id);
    for (const id of drop) this.remote.delete(id);
    this.emit("diff", endpointId, { upsert: diff.upsert, remove: [...diff.remove, ...drop] }, true);
  }

  private trim(endpointId: string): void {
    const finished = [...this.jobs.values()].filter(
      (e) => e.job.endpointId === endpointId && e.job.state !== "pulling",
    );
    const drop = finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED));
    for (const e of drop) this.jobs.delete(e.job.id);
    if (drop.length) this.emit("diff", endpointId, { upsert: [], remove: drop.map((e) => e.job.id) });
  }
}

const KEY = Symbol.for("berth.pullJobs");
type Holder = { [KEY]?: PullJobs };

export function pullJobs(): PullJobs {
  const g = globalThis as Holder;
  g[KEY] ??= new PullJobs();
  return g[KEY];
}
