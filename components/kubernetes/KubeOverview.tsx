"use client";

import type { EventRow, NodeRow, PodRow } from "@/lib/kube-types";
import { storeTopic } from "@/lib/topics";
import { useTopic } from "../realtime/use-topic";
import { age } from "./kube-columns";

const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
const cores = (m: number) => `${(m / 1000).toFixed(m % 1000 ? 1 : 0)}`;

/**
 * Nodes and their readiness, capacity and what pods request of them; pods by phase; recent Warning events. Live:
 * three store topics (nodes, pods, events), each one shared informer on the server.
 */
export function KubeOverview(props: { endpointId: string; namespace: string; showNodes: boolean; metrics: boolean }) {
  const ns = props.namespace || undefined;
  const pods = useTopic<PodRow>(storeTopic(props.endpointId, "k8s-pods", ns));
  const events = useTopic<EventRow>(storeTopic(props.endpointId, "k8s-events", ns));
  const phases = new Map<string, number>();
  const requested: Requested = new Map();
  for (const p of pods.items) {
    phases.set(p.phase || "Unknown", (phases.get(p.phase || "Unknown") ?? 0) + 1);
    if (p.node && p.phase !== "Succeeded" && p.phase !== "Failed") {
      const r = requested.get(p.node) ?? { cpu: 0, mem: 0, pods: 0 };
      requested.set(p.node, { cpu: r.cpu + p.cpuRequestMilli, mem: r.mem + p.memoryRequestBytes, pods: r.pods + 1 });
    }
  }
  const warnings = events.items
    .filter((e) => e.type === "Warning")
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))
    .slice(0, 20);
  return (
    <div className="space-y-6">
      {props.showNodes && <NodesSection endpointId={props.endpointId} requested={requested} />}
      <section aria-label="Pods by phase">
        <h2 className="mb-1 text-lg font-semibold">Pods by phase</h2>
        <ul className="flex flex-wrap gap-4 text-sm">
          {["Running", "Pending", "Succeeded", "Failed", "Unknown"].map((ph) => (
            <li key={ph}>
              {ph}: <strong>{phases.get(ph) ?? 0}</strong>
            </li>
          ))}
        </ul>
        <p className="mt-1 text-xs text-slate-500">
          {props.metrics
            ? "This cluster serves metrics.k8s.io (metrics-server): pod CPU and memory use can be read from it."
            : "Pod CPU and memory use: metrics not available (this cluster serves no metrics.k8s.io API; install metrics-server)."}
        </p>
      </section>
      <section aria-label="Recent warnings">
        <h2 className="mb-1 text-lg font-semibold">Recent warnings</h2>
        {warnings.length === 0 ? (
          <p className="text-sm text-slate-500">No Warning events.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {warnings.map((e) => (
              <li key={e.id}>
                {age(e.lastSeen)} · {e.namespace}/{e.object} · {e.reason}: {e.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

type Requested = Map<string, { cpu: number; mem: number; pods: number }>;

/** Nodes with readiness and what the listed pods request of each: cluster-wide readers only. */
function NodesSection(props: { endpointId: string; requested: Requested }) {
  const nodes = useTopic<NodeRow>(storeTopic(props.endpointId, "k8s-nodes"));
  return (
    <section aria-label="Nodes">
      <h2 className="mb-1 text-lg font-semibold">Nodes</h2>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Version</th>
            <th>CPU requested / allocatable</th>
            <th>Memory requested / allocatable</th>
            <th>Pods</th>
          </tr>
        </thead>
        <tbody>
          {nodes.items.map((n) => {
            const r = props.requested.get(n.name) ?? { cpu: 0, mem: 0, pods: 0 };
            return (
              <tr key={n.id}>
                <td>{n.name}</td>
                <td>{n.status}</td>
                <td>{n.version}</td>
                <td>
                  {cores(r.cpu)} / {cores(n.cpuAllocatableMilli)} cores
                </td>
                <td>
                  {gib(r.mem)} / {gib(n.memoryAllocatableBytes)}
                </td>
                <td>
                  {r.pods} / {n.podsAllocatable}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
