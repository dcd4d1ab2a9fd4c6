"use client";

import type { SwarmNode, SwarmTask } from "@/lib/swarm";

/** Tasks of a service (or a node): desired vs current state and the engine's error, newest first. */
export function TasksTable(props: { tasks: SwarmTask[]; nodes: SwarmNode[]; serviceName: string }) {
  const hostname = new Map(props.nodes.map((n) => [n.id, n.hostname]));
  const sorted = [...props.tasks].sort(
    (a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Tasks of {props.serviceName}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="p-2">Task</th>
            <th className="p-2">Node</th>
            <th className="p-2">Desired</th>
            <th className="p-2">Current</th>
            <th className="p-2">Since</th>
            <th className="p-2">Image</th>
            <th className="p-2">Error</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => (
            <tr key={t.id} className="border-b border-slate-100 dark:border-slate-800" data-state={t.state}>
              <th scope="row" className="p-2 font-mono text-xs font-normal">
                {props.serviceName}.{t.slot ?? t.nodeId?.slice(0, 12) ?? ""} ({t.id.slice(0, 12)})
              </th>
              <td className="p-2">{(t.nodeId && hostname.get(t.nodeId)) ?? t.nodeId?.slice(0, 12) ?? ""}</td>
              <td className="p-2">{t.desiredState}</td>
              <td className="p-2">{t.state}</td>
              <td className="p-2 text-xs">{t.timestamp.replace("T", " ").slice(0, 19)}</td>
              <td className="p-2 font-mono text-xs">{t.image}</td>
              <td className="p-2 text-xs text-red-700 dark:text-red-400">{t.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
