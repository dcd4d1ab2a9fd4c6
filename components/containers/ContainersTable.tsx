"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ContainerSummary } from "@/lib/domain";
import { formatPorts, formatTime } from "@/lib/format";

export type RowAction = "Start" | "Stop" | "Restart" | "Remove";

const STATE_STYLE: Record<string, string> = {
  running: "text-green-700 dark:text-green-400",
  exited: "text-slate-500",
  dead: "text-red-600",
  paused: "text-amber-600",
  restarting: "text-amber-600",
};

export function ContainersTable(props: {
  containers: ContainerSummary[];
  canOperate: boolean;
  pending: ReadonlySet<string>;
  onAction: (action: RowAction, c: ContainerSummary) => void;
  /** More per-row controls after the lifecycle buttons (Duplicate, Rename, Recreate). */
  extraActions?: (c: ContainerSummary, busy: boolean) => ReactNode;
}) {
  const rows = [...props.containers].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Containers</caption>
      <thead className="border-b border-slate-300 dark:border-slate-700">
        <tr>
          <th scope="col" className="py-2">
            Name
          </th>
          <th scope="col">Image</th>
          <th scope="col">State</th>
          <th scope="col">Status</th>
          <th scope="col">Ports</th>
          <th scope="col">Created</th>
          {props.canOperate && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={7} className="py-4 text-slate-500">
              No containers.
            </td>
          </tr>
        )}
        {rows.map((c) => {
          const running = c.state === "running" || c.state === "restarting" || c.state === "paused";
          const busy = props.pending.has(c.id);
          return (
            <tr key={c.id} className="border-b border-slate-200 dark:border-slate-800" aria-busy={busy || undefined}>
              <th scope="row" className="py-2 font-medium">
                <Link href={`/endpoints/${c.endpointId}/containers/${c.id}`} className="hover:underline">
                  {c.name}
                </Link>
              </th>
              <td className="max-w-xs truncate font-mono text-xs" title={c.image}>
                {c.image}
              </td>
              <td className={STATE_STYLE[c.state] ?? ""}>{c.state}</td>
              <td>{c.status}</td>
              <td className="font-mono text-xs">{formatPorts(c.ports)}</td>
              <td className="whitespace-nowrap text-xs">{formatTime(c.created)}</td>
              {props.canOperate && (
                <td className="whitespace-nowrap">
                  <ActionButton label="Start" disabled={busy || running} onClick={() => props.onAction("Start", c)} />
                  <ActionButton label="Stop" disabled={busy || !running} onClick={() => props.onAction("Stop", c)} />
                  <ActionButton label="Restart" disabled={busy} onClick={() => props.onAction("Restart", c)} />
                  <ActionButton label="Remove" disabled={busy} danger onClick={() => props.onAction("Remove", c)} />
                  {props.extraActions?.(c, busy)}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ActionButton(props: { label: RowAction; disabled: boolean; danger?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      disabled={props.disabled}
      onClick={props.onClick}
      className={`mr-1 rounded border px-2 py-0.5 text-xs disabled:opacity-40 ${
        props.danger
          ? "border-red-300 text-red-700 hover:bg-red-50"
          : "border-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800"
      }`}
    >
      {props.label}
    </button>
  );
}
