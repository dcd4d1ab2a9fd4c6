import type { PullJob } from "@/lib/pull-progress";

// Docker's pull progress stream (one JSON message per line) applied to Berth's PullJob (lib/pull-progress.ts).

export interface ProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const DONE_DOWNLOADING = new Set(["Download complete", "Verifying Checksum", "Extracting", "Pull complete"]);

/** Applies one progress message to a job (mutates and returns it). */
export function applyProgress(job: PullJob, msg: ProgressMessage): PullJob {
  if (msg.error || msg.errorDetail?.message) {
    job.state = "failed";
    job.error = (msg.errorDetail?.message ?? msg.error ?? "Pull failed").slice(0, 500);
    return job;
  }
  const status = typeof msg.status === "string" ? msg.status.slice(0, 200) : "";
  // Messages with an id that is a layer (12 hex) are per layer; others describe the whole pull.
  if (msg.id && /^[a-f0-9]{12}$/.test(msg.id)) {
    let layer = job.layers.find((l) => l.id === msg.id);
    if (!layer) {
      layer = { id: msg.id, status, current: 0, total: 0 };
      job.layers.push(layer);
    }
    layer.status = status;
    const d = msg.progressDetail ?? {};
    if (status === "Downloading") {
      if (typeof d.total === "number" && d.total > 0) layer.total = d.total;
      if (typeof d.current === "number") layer.current = Math.min(d.current, layer.total || d.current);
    } else if (DONE_DOWNLOADING.has(status) && layer.total > 0) {
      layer.current = layer.total;
    }
  } else if (status) {
    job.message = status;
  }
  job.current = 0;
  job.total = 0;
  for (const l of job.layers) {
    if (l.status === "Already exists") continue;
    job.current += l.current;
    job.total += l.total;
  }
  return job;
}
