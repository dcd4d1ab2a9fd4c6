"use client";

import { useMemo } from "react";
import { formatBytes } from "@/lib/container-overview";
import type { StatsSample } from "@/lib/container-stats";
import { statsTopic } from "@/lib/topics";
import { UPlotChart } from "./UPlotChart";
import { useStatsStream } from "./use-stats-stream";

/** Per-second rates from cumulative counters; a counter reset (restart) gives no rate rather than a negative one. */
function rates(samples: StatsSample[], pick: (s: StatsSample) => number): (number | null)[] {
  return samples.map((s, i) => {
    const prev = samples[i - 1];
    if (!prev) return null;
    const dt = (s.t - prev.t) / 1000;
    const d = pick(s) - pick(prev);
    return dt > 0 && d >= 0 ? d / dt : null;
  });
}

const pct = (v: number) => `${v.toFixed(1)}%`;
const rate = (v: number) => `${formatBytes(v)}/s`;

function statusText(state: { status: string; error?: string }, samples: StatsSample[]): string {
  switch (state.status) {
    case "connecting":
      return "Connecting…";
    case "error":
      return `Error: ${state.error ?? "stats unavailable"}`;
    case "stopped":
      return samples.length
        ? "The container is not running; stats resume when it starts. The charts show the samples from before it stopped."
        : "The container is not running; stats resume when it starts.";
    case "ended":
      return "The stats stream ended";
  }
  if (samples.length === 0) return "Waiting for the first sample…";
  const seconds = Math.round((samples[samples.length - 1]!.t - samples[0]!.t) / 1000);
  return `Live · ${samples.length} samples (${seconds} s of history)`;
}

export function StatsPanel(props: { endpointId: string; containerId: string }) {
  const { samples, state } = useStatsStream(statsTopic(props.endpointId, props.containerId));
  const last = samples[samples.length - 1];
  const data = useMemo(() => {
    const times = samples.map((s) => s.t / 1000);
    return {
      times,
      cpu: samples.map((s) => s.cpuPercent),
      mem: samples.map((s) => s.memUsed),
      rx: rates(samples, (s) => s.netRx),
      tx: rates(samples, (s) => s.netTx),
      rd: rates(samples, (s) => s.blockRead),
      wr: rates(samples, (s) => s.blockWrite),
      pids: samples.map((s) => s.pids),
    };
  }, [samples]);

  const figures: [string, string][] = last
    ? [
        ["CPU", pct(last.cpuPercent)],
        ["Memory", `${formatBytes(last.memUsed)} / ${formatBytes(last.memLimit)} (${pct(last.memPercent)})`],
        ["Network received / sent", `${formatBytes(last.netRx)} / ${formatBytes(last.netTx)}`],
        ["Block I/O read / written", `${formatBytes(last.blockRead)} / ${formatBytes(last.blockWrite)}`],
        ["PIDs", String(last.pids)],
      ]
    : [];

  return (
    <section aria-label="Stats" className="space-y-4">
      <p
        role="status"
        className={
          state.status === "stopped"
            ? "text-sm font-medium text-amber-700 dark:text-amber-300"
            : "text-xs text-slate-500 dark:text-slate-400"
        }
      >
        {statusText(state, samples)}
      </p>
      {last && (
        <dl
          aria-label={state.status === "stopped" ? "Last figures" : "Current figures"}
          className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm"
        >
          {figures.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <UPlotChart
          title="CPU %"
          times={data.times}
          series={[{ label: "CPU", color: "#2563eb", values: data.cpu }]}
          format={pct}
        />
        <UPlotChart
          title="Memory used"
          times={data.times}
          series={[{ label: "Used", color: "#16a34a", values: data.mem }]}
          format={formatBytes}
        />
        <UPlotChart
          title="Network"
          times={data.times}
          series={[
            { label: "Received", color: "#0891b2", values: data.rx },
            { label: "Sent", color: "#c026d3", values: data.tx },
          ]}
          format={rate}
        />
        <UPlotChart
          title="Block I/O"
          times={data.times}
          series={[
            { label: "Read", color: "#ca8a04", values: data.rd },
            { label: "Written", color: "#dc2626", values: data.wr },
          ]}
          format={rate}
        />
      </div>
    </section>
  );
}
