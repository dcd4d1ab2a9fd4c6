"use client";

import { useCallback, useId, useState } from "react";
import { LogsPanel } from "@/components/workbench/LogsPanel";
import type { LogLine } from "@/lib/log-options";
import { type LogOptions, serviceLogsTopic } from "@/lib/log-topic";
import type { SwarmNode, SwarmTask } from "@/lib/swarm";
import { taskLabel } from "@/lib/swarm-logs";
import { useSwarm } from "./use-swarm";

const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * A service's logs through the container log viewer: every task, or the one picked. Each line shows the task it
 * came from and that task's node (`web.2@node-1`), named from the live task and node stores.
 */
export function ServiceLogs(props: {
  endpointId: string;
  service: { id: string; name: string };
  tasks: SwarmTask[];
  nodes: SwarmNode[];
  initialTask?: string;
}) {
  const { endpointId, service } = props;
  const tasks = useSwarm(endpointId, "tasks", props.tasks);
  const nodes = useSwarm(endpointId, "nodes", props.nodes);
  const [task, setTask] = useState(props.initialTask ?? "all");
  const selectId = useId();
  const mine = tasks.items
    .filter((t) => t.serviceId === service.id)
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.createdAt.localeCompare(a.createdAt));
  const byTask = new Map(mine.map((t) => [t.id, t]));
  const hostname = new Map(nodes.items.map((n) => [n.id, n.hostname]));
  const sourceOf = useCallback(
    (l: LogLine) =>
      l.task
        ? taskLabel(service.name, byTask.get(l.task), l.task, l.node ? hostname.get(l.node) : undefined)
        : undefined,
    [service.name, byTask, hostname],
  );
  const topicOf = useCallback(
    (o: LogOptions) => serviceLogsTopic(endpointId, service.id, task, o),
    [endpointId, service.id, task],
  );
  return (
    <LogsPanel
      endpointId={endpointId}
      topicOf={topicOf}
      sourceOf={sourceOf}
      label={`Logs of ${service.name}`}
      controls={
        <span className="flex items-center gap-1">
          <label htmlFor={selectId}>Task</label>
          <select id={selectId} className={control} value={task} onChange={(e) => setTask(e.target.value)}>
            <option value="all">All tasks</option>
            {mine.map((t) => (
              <option key={t.id} value={t.id}>
                {taskLabel(service.name, t, t.id, t.nodeId ? hostname.get(t.nodeId) : undefined)} ({t.state})
              </option>
            ))}
          </select>
        </span>
      }
    />
  );
}
