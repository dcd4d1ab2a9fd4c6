"use client";

import { useEffect, useState } from "react";
import { TableScroll } from "@/components/ui/table-scroll";
import { describeAvailability, formatDuration } from "@/lib/availability";
import type { PublicStatusView } from "@/lib/status-view";
import {
  HEALTH_LABEL,
  OVERALL_LABEL,
  type OverallState,
  type PublicState,
  type PublicStatusItem,
  STATE_LABEL,
} from "@/lib/status-view";
import { type PublicLiveState, usePublicStatus } from "./use-public-status";

const STATE_STYLE: Record<PublicState, string> = {
  up: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  down: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  unknown: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

const OVERALL_STYLE: Record<OverallState, string> = {
  operational:
    "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-300",
  degraded: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300",
  outage: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-300",
  unknown: "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:text-slate-100 dark:bg-slate-900",
  empty: "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:text-slate-100 dark:bg-slate-900",
};

const LIVE_LABEL: Record<PublicLiveState, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Reconnecting…",
  limited: "Too many requests; retrying shortly",
  gone: "This status page no longer exists",
};

/** Server time, ticking each second, so "up for" moves without trusting this browser's clock. */
function useServerNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    setNow(Date.now() + skewMs);
    const t = setInterval(() => setNow(Date.now() + skewMs), 1_000);
    return () => clearInterval(t);
  }, [skewMs]);
  return now;
}

function sinceText(item: PublicStatusItem, now: number): string {
  if (item.state === "unknown" || item.since === null) return "—";
  const d = formatDuration(Math.max(0, now - item.since));
  return item.state === "up" ? `Up for ${d}` : `Down for ${d}`;
}

/** The public status page: everything on it comes from the sanitized view (lib/status-view.ts), rendered as text. */
export function PublicStatusPage({ initial }: { initial: PublicStatusView }) {
  const { view, skewMs, state } = usePublicStatus(initial);
  const now = useServerNow(skewMs);
  const gone = state === "gone";
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-semibold">{view.title}</h1>
      <p
        role="status"
        aria-label="Overall status"
        className={`mt-4 rounded border p-3 font-medium ${OVERALL_STYLE[gone ? "unknown" : view.overall]}`}
      >
        {gone ? LIVE_LABEL.gone : OVERALL_LABEL[view.overall]}
      </p>
      {!gone && view.items.length > 0 && (
        <TableScroll label="Status table">
          <table className="mt-6 w-full text-left text-sm">
            <caption className="sr-only">Services</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                <th scope="col" className="py-2">
                  Service
                </th>
                <th scope="col">Status</th>
                <th scope="col">Health</th>
                <th scope="col">Uptime</th>
                <th scope="col">Availability (24 h)</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <tr key={item.position} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-3 pr-3 font-medium">
                    {item.name}
                  </th>
                  <td className="pr-3">
                    <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[item.state]}`}>
                      {STATE_LABEL[item.state]}
                    </span>
                  </td>
                  <td className="pr-3">{item.state === "up" ? HEALTH_LABEL[item.health] : "—"}</td>
                  <td className="pr-3">{sinceText(item, now)}</td>
                  <td>{describeAvailability(item.availability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        Connection: {LIVE_LABEL[state === "gone" ? "live" : state]}. Updated as it happens; availability counts only the
        time Berth was watching.
      </p>
    </main>
  );
}
