"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { buttonClass, inputClass, primaryClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { SwarmNode, SwarmTask } from "@/lib/swarm";
import { removeNodeAction, updateNodeAction } from "@/server/actions/swarm/node-actions";
import { ErrorAlert, useRunAction } from "./run-action";
import { useSwarm } from "./use-swarm";

const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t) continue;
    const eq = t.indexOf("=");
    out[eq < 0 ? t : t.slice(0, eq)] = eq < 0 ? "" : t.slice(eq + 1);
  }
  return out;
}

export function NodesView(props: { endpointId: string; nodes: SwarmNode[]; tasks: SwarmTask[]; canManage: boolean }) {
  const { endpointId } = props;
  const nodes = useSwarm(endpointId, "nodes", props.nodes);
  const tasks = useSwarm(endpointId, "tasks", props.tasks);
  const { busy, error, run } = useRunAction();
  const [labelsOf, setLabelsOf] = useState<SwarmNode | null>(null);
  const [removing, setRemoving] = useState<SwarmNode | null>(null);
  const perNode = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of tasks.items) if (t.nodeId && t.state === "running") m.set(t.nodeId, (m.get(t.nodeId) ?? 0) + 1);
    return m;
  }, [tasks.items]);
  const sorted = [...nodes.items].sort((a, b) => a.hostname.localeCompare(b.hostname));
  const update = (
    n: SwarmNode,
    change: { availability?: SwarmNode["availability"]; nodeRole?: SwarmNode["role"] },
    what: string,
  ) => void run(`${what} ${n.hostname}`, () => updateNodeAction({ endpointId, nodeId: n.id, ...change }));

  return (
    <div className="space-y-3">
      <h2 className="text-lg font-semibold">Nodes ({sorted.length})</h2>
      <ErrorAlert error={error ?? nodes.error} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Swarm nodes</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="p-2">Hostname</th>
              <th className="p-2">Role</th>
              <th className="p-2">Availability</th>
              <th className="p-2">Status</th>
              <th className="p-2">Engine</th>
              <th className="p-2">Resources</th>
              <th className="p-2">Running tasks</th>
              <th className="p-2">Labels</th>
              {props.canManage && <th className="p-2">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((n) => (
              <tr key={n.id} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="p-2 font-medium">
                  <Link
                    href={`/endpoints/${encodeURIComponent(endpointId)}/swarm/nodes/${encodeURIComponent(n.id)}`}
                    className="text-blue-600 hover:underline"
                  >
                    {n.hostname}
                  </Link>
                </th>
                <td className="p-2">
                  {n.role}
                  {n.leader ? " (leader)" : ""}
                </td>
                <td className="p-2">{n.availability}</td>
                <td className="p-2">{n.state}</td>
                <td className="p-2">{n.engineVersion}</td>
                <td className="p-2">
                  {n.nanoCpus / 1e9} CPU, {gib(n.memoryBytes)}
                </td>
                <td className="p-2" data-testid="node-tasks">
                  {perNode.get(n.id) ?? 0}
                </td>
                <td className="p-2 font-mono text-xs">
                  {Object.entries(n.labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </td>
                {props.canManage && (
                  <td className="space-x-1 whitespace-nowrap p-2">
                    {n.availability !== "drain" && (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Drain ${n.hostname}`}
                        onClick={() => update(n, { availability: "drain" }, "Drain")}
                      >
                        Drain
                      </button>
                    )}
                    {n.availability === "active" && (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Pause ${n.hostname}`}
                        onClick={() => update(n, { availability: "pause" }, "Pause")}
                      >
                        Pause
                      </button>
                    )}
                    {n.availability !== "active" && (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Activate ${n.hostname}`}
                        onClick={() => update(n, { availability: "active" }, "Activate")}
                      >
                        Activate
                      </button>
                    )}
                    {n.role === "worker" ? (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Promote ${n.hostname}`}
                        onClick={() => update(n, { nodeRole: "manager" }, "Promote")}
                      >
                        Promote
                      </button>
                    ) : (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Demote ${n.hostname}`}
                        onClick={() => update(n, { nodeRole: "worker" }, "Demote")}
                      >
                        Demote
                      </button>
                    )}
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={busy}
                      aria-label={`Edit labels of ${n.hostname}`}
                      onClick={() => setLabelsOf(n)}
                    >
                      Labels
                    </button>
                    {n.state === "down" && (
                      <button
                        type="button"
                        className={buttonClass}
                        disabled={busy}
                        aria-label={`Remove ${n.hostname}`}
                        onClick={() => setRemoving(n)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {labelsOf && (
        <LabelsDialog
          node={labelsOf}
          onClose={() => setLabelsOf(null)}
          onSave={async (labels) => {
            if (
              await run(`Labels of ${labelsOf.hostname}`, () =>
                updateNodeAction({ endpointId, nodeId: labelsOf.id, labels }),
              )
            )
              setLabelsOf(null);
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove node ${removing.hostname}?`}
          body="The node leaves the swarm's node list. It must be down; if it comes back it has to join again."
          confirmLabel="Remove node"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const n = removing;
            setRemoving(null);
            void run(`Remove ${n.hostname}`, () => removeNodeAction({ endpointId, nodeId: n.id }));
          }}
        />
      )}
    </div>
  );
}

function LabelsDialog(props: { node: SwarmNode; onClose: () => void; onSave: (l: Record<string, string>) => void }) {
  const [text, setText] = useState(
    Object.entries(props.node.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  return (
    <Dialog title={`Labels of ${props.node.hostname}`} onClose={props.onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave(parseLabels(text));
        }}
      >
        <label className="block text-sm">
          Labels (one key=value a line)
          <textarea
            className={`${inputClass} mt-1 block h-32 w-full font-mono`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass} onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryClass}>
            Save labels
          </button>
        </div>
      </form>
    </Dialog>
  );
}
