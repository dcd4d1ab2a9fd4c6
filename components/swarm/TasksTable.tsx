"use client";

import Link from "next/link";
import { Fragment } from "react";
import { type SwarmNode, type SwarmTask, taskHistory } from "@/lib/swarm";

export interface TaskServiceInfo {
  name: string;
  /** The service's current template fingerprint: tasks with another one run an older spec. */
  template: string;
}

/**
 * Tasks of a service (or of a node), as `docker service ps` lists them: per slot (or node, for global services) the
 * current task, then the tasks it replaced, newest first: the slot's state history with each task's error. Desired
 * against current state; whether a task runs the service's current spec (a rolling update's progress, row by row).
 */
export function TasksTable(props: {
  tasks: SwarmTask[];
  nodes: SwarmNode[];
  caption: string;
  serviceOf: (serviceId: string) => TaskServiceInfo | undefined;
  /** The node page lists every service's tasks: show which service each belongs to. */
  showService?: boolean;
  logsHref?: (t: SwarmTask) => string;
}) {
  const hostname = new Map(props.nodes.map((n) => [n.id, n.hostname]));
  const groups = taskHistory(props.tasks);
  const row = (t: SwarmTask, history: boolean) => {
    const svc = props.serviceOf(t.serviceId);
    const name = svc?.name ?? t.serviceId.slice(0, 12);
    const label = `${name}.${t.slot ?? t.nodeId?.slice(0, 12) ?? ""}`;
    const onCurrent = svc ? t.template === svc.template : undefined;
    return (
      <tr
        key={t.id}
        className={`border-b border-slate-100 dark:border-slate-800 ${history ? "text-slate-500" : ""}`}
        data-state={t.state}
        data-history={history ? "1" : undefined}
      >
        <th scope="row" className="p-2 font-mono text-xs font-normal">
          {history ? `\u21b3 ${label}` : label} ({t.id.slice(0, 12)})
        </th>
        {props.showService && <td className="p-2">{name}</td>}
        <td className="p-2">{(t.nodeId && hostname.get(t.nodeId)) ?? t.nodeId?.slice(0, 12) ?? ""}</td>
        <td className="p-2">{t.desiredState}</td>
        <td className="p-2">{t.state}</td>
        <td className="p-2 text-xs">{t.timestamp.replace("T", " ").slice(0, 19)}</td>
        <td className="p-2 font-mono text-xs">{t.image}</td>
        <td className="p-2 text-xs">{onCurrent === undefined ? "" : onCurrent ? "current" : "previous"}</td>
        <td className="p-2 text-xs text-red-700 dark:text-red-400">{t.error ?? ""}</td>
        {props.logsHref && (
          <td className="p-2 text-xs">
            {t.containerId ? (
              <Link href={props.logsHref(t)} className="text-blue-600 hover:underline" aria-label={`Logs of ${label}`}>
                Logs
              </Link>
            ) : (
              ""
            )}
          </td>
        )}
      </tr>
    );
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="p-2">Task</th>
            {props.showService && <th className="p-2">Service</th>}
            <th className="p-2">Node</th>
            <th className="p-2">Desired</th>
            <th className="p-2">Current</th>
            <th className="p-2">Since</th>
            <th className="p-2">Image</th>
            <th className="p-2">Spec</th>
            <th className="p-2">Error</th>
            {props.logsHref && <th className="p-2">Logs</th>}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <Fragment key={g.current.id}>
              {row(g.current, false)}
              {g.previous.map((t) => row(t, true))}
            </Fragment>
          ))}
        </tbody>
      </table>
      {groups.length === 0 && <p className="p-2 text-sm text-slate-500">No tasks.</p>}
    </div>
  );
}
