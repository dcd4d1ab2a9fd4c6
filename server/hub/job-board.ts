import { EventEmitter } from "node:events";
import type { Diff } from "@/lib/domain";

const EMIT_EVERY_MS = 150;

export interface BoardJob {
  id: string;
  endpointId: string;
}

export interface BoardEntry<J extends BoardJob> {
  job: J;
  dirty: boolean;
}

/**
 * Long jobs of one kind (image pulls, stack deploys), running and recently finished, per endpoint. Each change goes
 * out as a diff on the endpoint's topic, at most every 150 ms per job however fast the engine reports; jobs other
 * replicas run arrive through `mirror` (server/cluster/bridges.ts) and their diffs are marked `true` so they are not
 * sent back. The newest `keepFinished` finished jobs per endpoint are kept, local and mirrored alike. Instances live
 * on globalThis: actions (Next's bundle) start jobs and the socket gateway (the custom server's bundle) serves them.
 */
export class JobBoard<J extends BoardJob, E extends BoardEntry<J> = BoardEntry<J>> extends EventEmitter<{
  diff: [string, Diff<J>, boolean?];
}> {
  protected readonly jobs = new Map<string, E>();
  private readonly remote = new Map<string, J>();
  /** The replica each mirrored job runs on. */
  private readonly origin = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly board: {
      keepFinished: number;
      running: (job: J) => boolean;
      /** Marks a mirrored job whose replica died as failed. */
      orphaned: (job: J) => void;
    },
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** A new local job: listed and sent at once. */
  protected put(entry: E): void {
    this.jobs.set(entry.job.id, entry);
    this.emit("diff", entry.job.endpointId, { upsert: [structuredClone(entry.job)], remove: [] });
  }

  /** Marks a job changed; the next tick sends it. */
  protected markDirty(e: E): void {
    e.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      for (const entry of this.jobs.values()) if (entry.dirty) this.flush(entry);
    }, EMIT_EVERY_MS);
  }

  protected flush(e: E): void {
    e.dirty = false;
    this.emit("diff", e.job.endpointId, { upsert: [structuredClone(e.job)], remove: [] });
  }

  /** Local and mirrored jobs of an endpoint, copied (the topic's snapshot). */
  snapshot(endpointId: string): J[] {
    const local = [...this.jobs.values()].map((e) => e.job);
    return [...local, ...this.remote.values()]
      .filter((j) => j.endpointId === endpointId)
      .map((j) => structuredClone(j));
  }

  /** A job another replica runs (acted on through the bus, not here). */
  remoteJob(id: string): J | undefined {
    return this.remote.get(id);
  }

  /** Applies another replica's diff of its jobs, so every replica's topic shows every job. */
  mirror(endpointId: string, diff: Diff<J>, from = ""): void {
    for (const job of diff.upsert) {
      this.remote.set(job.id, job);
      this.origin.set(job.id, from);
    }
    // Kept as long as local ones: their replica may die before trimming them.
    const drop = this.oldFinished([...this.remote.values()], endpointId).map((j) => j.id);
    for (const id of [...diff.remove, ...drop]) {
      this.remote.delete(id);
      this.origin.delete(id);
    }
    this.emit("diff", endpointId, { upsert: diff.upsert, remove: [...diff.remove, ...drop] }, true);
  }

  /** True while a job another replica told about still runs (its replica may have died since). */
  hasRemoteRunning(): boolean {
    return [...this.remote.values()].some((j) => this.board.running(j));
  }

  /**
   * Ends the running jobs of replicas that are gone (killed mid-job, they never sent the last diff): shown failed
   * (`board.orphaned`), so they neither run forever on every screen nor count as running (the endpoint's pull limit,
   * a stack's deploy lock).
   */
  orphan(alive: (replicaId: string) => boolean): void {
    for (const job of this.remote.values()) {
      if (!this.board.running(job) || alive(this.origin.get(job.id) ?? "")) continue;
      this.board.orphaned(job);
      this.emit("diff", job.endpointId, { upsert: [structuredClone(job)], remove: [] }, true);
    }
  }

  protected trim(endpointId: string): void {
    const drop = this.oldFinished(
      [...this.jobs.values()].map((e) => e.job),
      endpointId,
    ).map((j) => j.id);
    for (const id of drop) this.jobs.delete(id);
    if (drop.length) this.emit("diff", endpointId, { upsert: [], remove: drop });
  }

  private oldFinished(jobs: J[], endpointId: string): J[] {
    const finished = jobs.filter((j) => j.endpointId === endpointId && !this.board.running(j));
    return finished.slice(0, Math.max(0, finished.length - this.board.keepFinished));
  }
}
