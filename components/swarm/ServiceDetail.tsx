"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type SwarmNode, type SwarmService, type SwarmTask, updateProgress } from "@/lib/swarm";
import { ErrorAlert, useRunAction } from "./run-action";
import { ServiceActions } from "./ServiceActions";
import { portsText, updateText } from "./ServicesView";
import { TasksTable } from "./TasksTable";
import { useSwarm } from "./use-swarm";

/** One service, live: its counts, its update's progress and its tasks as they change, task by task. */
export function ServiceDetail(props: {
  endpointId: string;
  service: SwarmService;
  tasks: SwarmTask[];
  nodes: SwarmNode[];
  canOperate: boolean;
}) {
  const { endpointId } = props;
  const router = useRouter();
  const services = useSwarm(endpointId, "services", [props.service]);
  const tasks = useSwarm(endpointId, "tasks", props.tasks);
  const nodes = useSwarm(endpointId, "nodes", props.nodes);
  const runner = useRunAction();
  const s = services.items.find((x) => x.id === props.service.id);
  const base = `/endpoints/${encodeURIComponent(endpointId)}/swarm/services`;
  if (!s) return <p role="status">Service {props.service.name} is gone.</p>;
  const mine = tasks.items.filter((t) => t.serviceId === s.id);
  const progress = updateProgress(s, mine);
  const logs = `${base}/${encodeURIComponent(s.id)}/logs`;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>Mode</dt>
        <dd>{s.mode}</dd>
        <dt>Replicas</dt>
        <dd data-testid="service-replicas">
          {s.running}/{s.desired} running
        </dd>
        <dt>Image</dt>
        <dd className="font-mono text-xs">{s.image}</dd>
        <dt>Ports</dt>
        <dd>{portsText(s) || "none"}</dd>
        <dt>Endpoint mode</dt>
        <dd>{s.endpointMode}</dd>
        <dt>Update status</dt>
        <dd data-testid="service-update-status">{updateText(s) || "none"}</dd>
        <dt>On the current spec</dt>
        <dd>
          <span data-testid="service-update-progress" role="status" aria-label="Update progress">
            {progress.updated} of {progress.desired} task{progress.desired === 1 ? "" : "s"}
            {progress.rolling ? " (rolling)" : ""}
          </span>
          <progress
            className="ml-2 h-2 w-40 align-middle"
            max={Math.max(progress.desired, 1)}
            value={Math.min(progress.updated, progress.desired)}
            aria-hidden="true"
          />
        </dd>
        {s.stack && (
          <>
            <dt>Stack</dt>
            <dd>{s.stack}</dd>
          </>
        )}
      </dl>
      <div className="flex items-center gap-2">
        <Link
          href={logs}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Logs
        </Link>
        {props.canOperate && (
          <>
            <Link
              href={`${base}/${encodeURIComponent(s.id)}/edit`}
              className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Edit
            </Link>
            <ServiceActions endpointId={endpointId} service={s} runner={runner} onRemoved={() => router.push(base)} />
          </>
        )}
      </div>
      <ErrorAlert error={runner.error ?? services.error ?? tasks.error} />
      <h2 className="text-lg font-semibold">Tasks</h2>
      <TasksTable
        tasks={mine}
        nodes={nodes.items}
        caption={`Tasks of ${s.name}`}
        serviceOf={(id) => (id === s.id ? { name: s.name, template: s.template } : undefined)}
        logsHref={(t) => `${logs}?task=${encodeURIComponent(t.id)}`}
      />
    </div>
  );
}
