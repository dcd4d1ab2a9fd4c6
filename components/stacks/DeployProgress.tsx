"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { overallPercent } from "@/lib/pull-progress";
import type { DeployJob } from "@/lib/stack-deploy";
import { deploysTopic } from "@/lib/topics";

const LEVEL = {
  info: "",
  warn: "text-amber-700 dark:text-amber-300",
  error: "text-red-700 dark:text-red-300",
} as const;

/** The newest deploy of a project as it happens: each step, and each image pull with its progress. */
export function DeployProgress(props: { endpointId: string; project: string }) {
  const { items } = useTopicSet<DeployJob>([deploysTopic(props.endpointId)]);
  const job = items.filter((j) => j.project === props.project).sort((a, b) => b.startedAt - a.startedAt)[0];
  // When a deploy ends after this page was read (a few seconds' margin for the render), the page's server-read parts
  // (history, file, Git source) are read again, once per deploy.
  const router = useRouter();
  const mountedAt = useRef(Date.now());
  const refreshed = useRef(new Set<string>());
  useEffect(() => {
    if (!job || job.state === "running" || refreshed.current.has(job.id)) return;
    if ((job.finishedAt ?? 0) < mountedAt.current - 5_000) return;
    refreshed.current.add(job.id);
    router.refresh();
  }, [job, router]);
  if (!job) return null;
  const title =
    job.state === "running"
      ? `Deploying version ${job.version}…`
      : job.state === "done"
        ? `Version ${job.version} deployed`
        : `Version ${job.version} failed${job.failedService ? ` in service ${job.failedService}` : ""}`;
  return (
    <section aria-label="Deploy progress" className="mb-4 rounded border border-slate-200 p-3 dark:border-slate-800">
      <h2 className="mb-2 font-semibold" role="status">
        {title}
      </h2>
      {job.pulls.map((p) => {
        const pct = overallPercent(p);
        return (
          <div key={p.ref} className="mb-1 text-sm">
            <span className="font-mono">{p.ref}</span>: {p.error ?? p.message}
            <progress
              className="ml-2 align-middle"
              aria-label={`Pull of ${p.ref}`}
              max={100}
              value={pct ?? undefined}
            />
            {pct !== null && ` ${pct}%`}
            {p.layers.length > 0 && (
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                {p.layers.filter((l) => l.status === "Pull complete" || l.status === "Already exists").length}/
                {p.layers.length} layers
              </span>
            )}
          </div>
        );
      })}
      <ol role="log" aria-label="Deploy steps" className="max-h-64 overflow-auto font-mono text-xs">
        {job.steps.map((s, i) => (
          <li key={i} className={LEVEL[s.level]}>
            {new Date(s.at).toLocaleTimeString()} {s.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
