"use client";

import { useState } from "react";
import { useTopic } from "@/components/realtime/use-topic";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { overallPercent, type PullJob } from "@/lib/pull-progress";
import { formatBytes } from "@/lib/resources";
import { pullsTopic } from "@/lib/topics";
import { cancelPullAction, pullImageAction } from "@/server/actions/images/image-actions";

/** Pull by name; progress per layer and overall comes live from the endpoint's pulls topic. */
export function PullPanel({ endpointId }: { endpointId: string }) {
  const pulls = useTopic<PullJob>(pullsTopic(endpointId));
  const [ref, setRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const jobs = [...pulls.items].sort((a, b) => b.startedAt - a.startedAt);

  async function pull(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await pullImageAction({ endpointId, ref });
      if (!r.ok) setError(r.error);
      else setRef("");
    } catch {
      setError("Berth could not be reached");
    } finally {
      setBusy(false);
    }
  }

  async function cancel(job: PullJob) {
    const r = await cancelPullAction({ endpointId, jobId: job.id });
    if (!r.ok) setError(r.error);
  }

  return (
    <section aria-labelledby="pull-heading" className="space-y-2">
      <h2 id="pull-heading" className="text-lg font-semibold">
        Pull an image
      </h2>
      <form onSubmit={pull} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 max-w-full flex-col text-sm">
          Image to pull
          <input
            className={`${inputClass} w-96 max-w-full`}
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            placeholder="registry.example.com:5000/team/app:1.2"
            required
            maxLength={255}
          />
        </label>
        <button type="submit" className={primaryClass} disabled={busy || !ref.trim()}>
          Pull
        </button>
      </form>
      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          Pull: {error}
        </p>
      )}
      {jobs.length > 0 && (
        <ul aria-label="Pulls" className="space-y-2">
          {jobs.map((job) => (
            <PullRow key={job.id} job={job} onCancel={() => void cancel(job)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PullRow({ job, onCancel }: { job: PullJob; onCancel: () => void }) {
  const pct = overallPercent(job);
  return (
    <li aria-label={`Pull of ${job.ref}`} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
      <div className="flex items-center gap-2">
        <span className="font-mono">{job.ref}</span>
        <span data-testid="pull-state">{job.state}</span>
        <progress aria-label={`Overall progress of ${job.ref}`} className="w-64" max={100} value={pct ?? undefined} />
        <span>
          {pct === null ? "" : `${pct}%`}
          {job.total > 0 ? ` (${formatBytes(job.current)} of ${formatBytes(job.total)})` : ""}
        </span>
        {job.state === "pulling" && (
          <button type="button" className={buttonClass} onClick={onCancel}>
            Cancel<span className="sr-only"> pull of {job.ref}</span>
          </button>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">{job.message}</p>
      {job.error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {job.error}
        </p>
      )}
      {job.layers.length > 0 && (
        <ul aria-label={`Layers of ${job.ref}`} className="mt-1 space-y-0.5 text-xs">
          {job.layers.map((l) => (
            <li key={l.id} className="flex items-center gap-2">
              <span className="font-mono">{l.id}</span>
              <progress
                aria-label={`Layer ${l.id}`}
                max={l.total || 1}
                value={l.status === "Already exists" || l.status === "Pull complete" ? l.total || 1 : l.current}
                className="w-40"
              />
              <span>{l.status}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
