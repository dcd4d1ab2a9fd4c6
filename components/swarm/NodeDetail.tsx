"use client";

import type { SwarmNode, SwarmService, SwarmTask } from "@/lib/swarm";
import { TasksTable } from "./TasksTable";
import { useSwarm } from "./use-swarm";

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

/** One node, live: what it is, and every task the orchestrator put on it (with each slot's history). */
export function NodeDetail(props: {
  endpointId: string;
  node: SwarmNode;
  nodes: SwarmNode[];
  services: SwarmService[];
  tasks: SwarmTask[];
}) {
  const { endpointId } = props;
  const nodes = useSwarm(endpointId, "nodes", props.nodes);
  const services = useSwarm(endpointId, "services", props.services);
  const tasks = useSwarm(endpointId, "tasks", props.tasks);
  const n = nodes.items.find((x) => x.id === props.node.id);
  if (!n) return <p role="status">Node {props.node.hostname} is gone.</p>;
  const byId = new Map(services.items.map((s) => [s.id, s]));
  const here = tasks.items.filter((t) => t.nodeId === n.id);
  const running = here.filter((t) => t.state === "running").length;
  const base = `/endpoints/${encodeURIComponent(endpointId)}/swarm/services`;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>Role</dt>
        <dd>
          {n.role}
          {n.leader ? " (leader)" : ""}
        </dd>
        <dt>Availability</dt>
        <dd>{n.availability}</dd>
        <dt>Status</dt>
        <dd>{n.state}</dd>
        <dt>Address</dt>
        <dd>{n.addr}</dd>
        <dt>Engine</dt>
        <dd>{n.engineVersion}</dd>
        <dt>Resources</dt>
        <dd>
          {n.nanoCpus / 1e9} CPU, {gib(n.memoryBytes)}
        </dd>
        <dt>Labels</dt>
        <dd className="font-mono text-xs">
          {Object.entries(n.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ") || "none"}
        </dd>
        <dt>Running tasks</dt>
        <dd data-testid="node-running-tasks">{running}</dd>
      </dl>
      <h2 className="text-lg font-semibold">Tasks on {n.hostname}</h2>
      <TasksTable
        tasks={here}
        nodes={nodes.items}
        caption={`Tasks on ${n.hostname}`}
        showService
        serviceOf={(id) => {
          const s = byId.get(id);
          return s ? { name: s.name, template: s.template } : undefined;
        }}
        logsHref={(t) => `${base}/${encodeURIComponent(t.serviceId)}/logs?task=${encodeURIComponent(t.id)}`}
      />
    </div>
  );
}
