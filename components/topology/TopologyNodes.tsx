"use client";

import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { TopologyNode } from "@/lib/topology";

const KIND_STYLE: Record<string, string> = {
  network: "border-sky-500 bg-sky-50 dark:bg-sky-950",
  container: "border-slate-400 bg-white dark:bg-slate-900",
  port: "border-amber-500 bg-amber-50 dark:bg-amber-950 rounded-full",
  swarmNode: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
  task: "border-slate-400 border-dashed bg-white dark:bg-slate-900",
  service: "border-indigo-500 bg-indigo-50 dark:bg-indigo-950",
};

const STATE_DOT: Record<string, string> = { running: "bg-green-500", exited: "bg-slate-400", dead: "bg-red-500" };

/** A network, container or host port. Handles are invisible: nobody draws edges by hand here. */
export function LeafNode({ data }: NodeProps) {
  const node = (data as { node: TopologyNode }).node;
  return (
    <div
      className={`flex h-full w-full items-center gap-2 overflow-hidden rounded border px-2 text-xs ${KIND_STYLE[node.kind] ?? ""} ${node.kind === "container" ? "cursor-pointer" : ""}`}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="opacity-0" />
      {node.kind === "container" && (
        <span
          aria-hidden
          className={`h-2 w-2 shrink-0 rounded-full ${STATE_DOT[node.state ?? ""] ?? "bg-amber-500"}`}
        />
      )}
      <span className="min-w-0">
        <span className="block truncate font-medium">{node.label}</span>
        {node.detail && node.kind !== "port" && (
          <span className="block truncate text-[10px] text-slate-700 dark:text-slate-300">{node.detail}</span>
        )}
      </span>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="opacity-0" />
    </div>
  );
}

/** A compose project or an endpoint: a labelled box behind its members. */
export function GroupNode({ data }: NodeProps) {
  const node = (data as { node: TopologyNode }).node;
  const tone =
    node.kind === "endpoint"
      ? "border-slate-400 bg-slate-100/40 dark:bg-slate-800/30"
      : "border-violet-400 border-dashed bg-violet-50/40 dark:bg-violet-950/30";
  return (
    <div className={`h-full w-full rounded-lg border ${tone}`}>
      <span className="block px-2 pt-1 text-xs font-semibold text-slate-600 dark:text-slate-300">
        {node.kind === "endpoint" ? node.label : `compose: ${node.label}`}
      </span>
    </div>
  );
}
