import { type DeployJob, type DeployStep, MAX_STEPS } from "@/lib/stack-deploy";
import { applyProgress, type ProgressMessage } from "@/server/endpoints/docker/pull-progress";
import { type BoardEntry, JobBoard } from "@/server/hub/job-board";

interface Entry extends BoardEntry<DeployJob> {
  done: Promise<void>;
}

/**
 * Compose deploys running and recently finished, per endpoint, on the deploys topic (see JobBoard; pull progress is
 * chatty, so changes go out at most every 150 ms). Once finished, a deploy's steps are also in the stack's history
 * (database), which is what survives a restart.
 */
export class DeployJobs extends JobBoard<DeployJob, Entry> {
  constructor() {
    super({
      keepFinished: 10,
      running: (j) => j.state === "running",
      orphaned: (j) => {
        j.state = "failed";
        j.error = "The Berth replica running this deploy stopped before it finished";
      },
    });
  }

  add(job: DeployJob, run: (job: DeployJob) => Promise<void>): Promise<void> {
    const entry: Entry = { job, dirty: false, done: Promise.resolve() };
    this.put(entry);
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
    this.markDirty(e);
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
    this.markDirty(e);
  }
}

const KEY = Symbol.for("berth.deployJobs");
type Holder = { [KEY]?: DeployJobs };

export function deployJobs(): DeployJobs {
  const g = globalThis as Holder;
  g[KEY] ??= new DeployJobs();
  return g[KEY];
}
