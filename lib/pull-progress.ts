// Progress of an image pull, folded from the engine's JSON progress messages. Pure, shared by server and tests.

export interface PullLayer {
  id: string;
  status: string;
  current: number;
  total: number;
}

export interface PullJob {
  /** Job id (also the key in the pulls topic). */
  id: string;
  endpointId: string;
  ref: string;
  state: "pulling" | "done" | "failed" | "cancelled";
  /** Last status line of the whole pull ("Digest: ...", "Status: Downloaded newer image ..."). */
  message: string;
  error?: string;
  layers: PullLayer[];
  /** Bytes downloaded and known total, over layers that download (not "Already exists"). */
  current: number;
  total: number;
  startedAt: number;
  by: string;
}

/** 0..100, or null while no layer has told its size yet. */
export function overallPercent(job: Pick<PullJob, "current" | "total" | "state">): number | null {
  if (job.state === "done") return 100;
  if (job.total <= 0) return null;
  return Math.min(100, Math.floor((job.current / job.total) * 100));
}
