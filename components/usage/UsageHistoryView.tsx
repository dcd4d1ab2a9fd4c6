"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { TableScroll } from "@/components/ui/table-scroll";
import { toast } from "@/components/ui/toast";
import { UPlotChart } from "@/components/workbench/UPlotChart";
import { formatBytes } from "@/lib/container-overview";
import type { UsageView } from "@/lib/usage-history";
import { setUsageHistoryAction } from "@/server/actions/usage/usage-actions";

const COLORS = ["#2563eb", "#16a34a", "#c026d3", "#ea580c", "#0891b2", "#ca8a04", "#dc2626", "#4f46e5"];
const pct = (v: number) => `${v.toFixed(1)} %`;

/**
 * Usage over time: one CPU and one memory chart with a line per group, the group's mean figures as a table (what a
 * screen reader reads), a CSV link, and for admins the per-endpoint switch. Choices live in the URL.
 */
export function UsageHistoryView(props: {
  view: UsageView & { enabled: string[] };
  endpoints: { id: string; name: string }[];
  endpointId: string;
  /** Admins: may switch recording per endpoint and group by team. */
  admin: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const { view } = props;
  const [busy, setBusy] = useState<string | null>(null);
  const go = (patch: Record<string, string>) => {
    const q = new URLSearchParams({ group: view.group, range: view.range, endpointId: props.endpointId, ...patch });
    if (!q.get("endpointId")) q.delete("endpointId");
    router.push(`/usage?${q}`);
  };
  const times = view.times.map((t) => t / 1000);
  const series = view.series.slice(0, COLORS.length);
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const csv = `/api/v1/usage/export?${new URLSearchParams({ group: view.group, range: view.range, ...(props.endpointId ? { endpointId: props.endpointId } : {}) })}`;
  const toggle = async (endpointId: string, enabled: boolean) => {
    setBusy(endpointId);
    const r = await setUsageHistoryAction({ endpointId, enabled }).catch(() => ({
      ok: false as const,
      error: "Berth could not be reached",
    }));
    setBusy(null);
    if (r.ok) toast.success(enabled ? "Usage history is recorded" : "Usage history is off");
    else toast.error("Could not change usage history", { details: r.error });
    router.refresh();
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label htmlFor={`${id}-group`} className="flex flex-col text-xs">
          Group by
          <select
            id={`${id}-group`}
            className={inputClass}
            value={view.group}
            onChange={(e) => go({ group: e.target.value })}
          >
            <option value="endpoint">Endpoint</option>
            <option value="stack">Stack (compose project)</option>
            {props.admin && <option value="team">Team</option>}
          </select>
        </label>
        <label htmlFor={`${id}-range`} className="flex flex-col text-xs">
          Range
          <select
            id={`${id}-range`}
            className={inputClass}
            value={view.range}
            onChange={(e) => go({ range: e.target.value })}
          >
            <option value="1h">Last hour</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
          </select>
        </label>
        <label htmlFor={`${id}-endpoint`} className="flex flex-col text-xs">
          Endpoint
          <select
            id={`${id}-endpoint`}
            className={inputClass}
            value={props.endpointId}
            onChange={(e) => go({ endpointId: e.target.value })}
          >
            <option value="">All</option>
            {props.endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <a href={csv} className="text-blue-800 underline dark:text-blue-300" download>
          Export CSV
        </a>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <UPlotChart
          title="CPU % (100 = one core)"
          times={times}
          series={series.map((s, i) => ({ label: s.label, color: COLORS[i]!, values: s.cpu }))}
          format={pct}
        />
        <UPlotChart
          title="Memory used"
          times={times}
          series={series.map((s, i) => ({ label: s.label, color: COLORS[i]!, values: s.mem }))}
          format={formatBytes}
        />
      </div>
      <TableScroll label="Usage by group">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Mean usage over the range</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2">
                {view.group === "endpoint" ? "Endpoint" : view.group === "stack" ? "Stack" : "Team"}
              </th>
              <th scope="col">Mean CPU</th>
              <th scope="col">Mean memory</th>
            </tr>
          </thead>
          <tbody>
            {view.series.length === 0 && (
              <tr>
                <td colSpan={3} className="py-4 text-slate-500 dark:text-slate-400">
                  No usage recorded in this range.
                </td>
              </tr>
            )}
            {view.series.map((s) => {
              const cpu = mean(s.cpu);
              const mem = mean(s.mem);
              return (
                <tr key={s.key} className="border-b border-slate-200 dark:border-slate-800">
                  <th scope="row" className="py-1 font-medium">
                    {s.label}
                  </th>
                  <td className="tabular-nums">{cpu === null ? "—" : pct(cpu)}</td>
                  <td className="tabular-nums">{mem === null ? "—" : formatBytes(mem)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {props.admin && (
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">Record usage history (one stats stream per running container)</legend>
          {props.endpoints.map((e) => {
            const on = view.enabled.includes(e.id);
            return (
              <span key={e.id} className="mr-4 inline-flex items-center gap-1">
                <input
                  id={`${id}-on-${e.id}`}
                  type="checkbox"
                  checked={on}
                  disabled={busy === e.id}
                  onChange={() => void toggle(e.id, !on)}
                />
                <label htmlFor={`${id}-on-${e.id}`}>{e.name}</label>
              </span>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
