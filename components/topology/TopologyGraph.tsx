"use client";

import "@xyflow/react/dist/style.css";
import "./topology.css";
import { Background, Controls, type Edge, type Node, ReactFlow, useReactFlow } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { useResolvedTheme } from "@/components/shell/use-theme";
import { edgeAccessibleName, type TopologyGraph as Graph, nodeAccessibleName, type TopologyNode } from "@/lib/topology";
import { groupBoxes, isGroup, type Point, sizeOf } from "@/lib/topology-layout";
import { GroupNode, LeafNode } from "./TopologyNodes";

const NODE_TYPES = { leaf: LeafNode, group: GroupNode };

/** React Flow nodes and edges for a laid-out graph; nodes still waiting for a position are left out for now. */
export function toFlow(graph: Graph, positions: ReadonlyMap<string, Point>) {
  const nodes: Node[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const [id, box] of groupBoxes(graph, positions)) {
    const n = byId.get(id)!;
    nodes.push({
      id,
      type: "group",
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      style: { width: box.width, height: box.height },
      data: { node: n },
      zIndex: n.kind === "endpoint" ? -2 : -1,
      selectable: false,
      focusable: false,
      draggable: false,
      ariaLabel: nodeAccessibleName(n),
      ariaRole: "group",
    });
  }
  for (const n of graph.nodes) {
    const p = positions.get(n.id);
    if (!p || isGroup(n)) continue;
    const size = sizeOf(n);
    nodes.push({
      id: n.id,
      type: "leaf",
      position: p,
      width: size.width,
      height: size.height,
      style: size,
      data: { node: n },
      draggable: false,
      ariaLabel: nodeAccessibleName(n),
      // A container opens its page: announce it as a button; the rest are just labelled parts of the picture.
      ariaRole: n.kind === "container" ? "button" : "group",
    });
  }
  const edges: Edge[] = [];
  for (const e of graph.edges) {
    if (!positions.has(e.source) || !positions.has(e.target)) continue;
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      type: "straight",
      label: e.kind === "network" ? e.label : undefined,
      focusable: false,
      ariaLabel: edgeAccessibleName(e, byId),
      className:
        e.kind === "port"
          ? "topology-edge-port"
          : e.kind === "network"
            ? "topology-edge-network"
            : "topology-edge-swarm",
    });
  }
  return { nodes, edges };
}

function FitOnFullLayout({ generation }: { generation: number }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (generation > 0) void flow.fitView({ padding: 0.05, duration: 0 });
  }, [generation, flow]);
  return null;
}

export function TopologyGraph(props: {
  graph: Graph;
  positions: ReadonlyMap<string, Point>;
  generation: number;
  label: string;
  onOpen?: (node: TopologyNode) => void;
}) {
  const { nodes, edges } = useMemo(() => toFlow(props.graph, props.positions), [props.graph, props.positions]);
  const onOpen = props.onOpen;
  const byId = useMemo(() => new Map(props.graph.nodes.map((n) => [n.id, n])), [props.graph]);
  // React Flow styles its controls, minimap and background per colour mode: follow the page's theme.
  const theme = useResolvedTheme();
  return (
    <ReactFlow
      colorMode={theme}
      aria-label={props.label}
      className="berth-topology"
      onlyRenderVisibleElements
      // Enter on a focused container node opens it, as a click does (React Flow itself only selects on Enter).
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        const id = (e.target as HTMLElement).closest("[data-id]")?.getAttribute("data-id");
        const node = id ? byId.get(id) : undefined;
        if (node?.kind === "container") onOpen?.(node);
      }}
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      nodesConnectable={false}
      nodesDraggable={false}
      edgesFocusable={false}
      minZoom={0.02}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
      onNodeClick={(_e, n) => {
        const node = (n.data as { node: TopologyNode }).node;
        if (node.kind === "container") onOpen?.(node);
      }}
    >
      <FitOnFullLayout generation={props.generation} />
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
