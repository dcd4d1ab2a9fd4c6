import type { PullJob } from "@/lib/pull-progress";
import { type BoardEntry, JobBoard } from "./job-board";

interface Entry extends BoardEntry<PullJob> {
  abort: AbortController;
}

/** Image pulls in progress and recently finished, per endpoint, on the pulls topic (see JobBoard). */
export class PullJobs extends JobBoard<PullJob, Entry> {
  constructor() {
    super({
      keepFinished: 20,
      running: (j) => j.state === "pulling",
      orphaned: (j) => {
        j.state = "failed";
        j.message = "The Berth replica running this pull stopped before it finished";
        j.error = j.message;
      },
    });
  }

  add(job: PullJob, abort: AbortController): void {
    this.put({ job, abort, dirty: false });
    this.trim(job.endpointId);
  }

  get(id: string): Entry | undefined {
    return this.jobs.get(id);
  }

  /** Marks a job changed; the next tick sends it. Finished jobs are sent at once. */
  touch(id: string): void {
    const e = this.jobs.get(id);
    if (!e) return;
    if (e.job.state !== "pulling") this.flush(e);
    else this.markDirty(e);
  }
}

const KEY = Symbol.for("berth.pullJobs");
type Holder = { [KEY]?: PullJobs };

export function pullJobs(): PullJobs {
  const g = globalThis as Holder;
  g[KEY] ??= new PullJobs();
  return g[KEY];
}
