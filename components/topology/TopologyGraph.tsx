"use client";

import "@xyflow/react/dist/style.css";
import "./topology.css";
import {
  Background,
  Controls,
  type Edge,
  getViewportForBounds,
  type Node,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
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

/**
 * The smallest zoom a fit may choose: at 0.85 the 12 px node labels stay about 10 px on screen. A graph too big for
 * the box at that size is centred instead, and the zoom controls show the rest.
 */
export const MIN_READABLE_ZOOM = 0.85;

/**
 * Fit the whole laid-out graph in view after each full layout and each new filter. The bounds come from the nodes'
 * own boxes and the viewport is set at once: React Flow's fitView would wait for every node to be measured, which
 * with onlyRenderVisibleElements may happen much later (nodes out of view are never measured), and would then undo
 * a Find made meanwhile.
 */
function FitOnFullLayout(props: { generation: number; fitKey?: string; minZoom: number; nodes: Node[] }) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { generation, fitKey, minZoom, nodes } = props;
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  // Fits on a full layout or a new filter (fitKey), not on every live change.
  useEffect(() => {
    if (generation === 0 || !width || !height || !flow.viewportInitialized) return;
    const all = nodesRef.current;
    if (!all.length) return;
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const n of all) {
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + (n.width ?? 0));
      y1 = Math.max(y1, n.position.y + (n.height ?? 0));
    }
    const bounds = { x: x0, y: y0, width: Math.max(x1 - x0, 1), height: Math.max(y1 - y0, 1) };
    void flow.setViewport(getViewportForBounds(bounds, width, height, minZoom, 1.25, 0.05), { duration: 0 });
  }, [generation, fitKey, minZoom, width > 0 && height > 0, flow.viewportInitialized]);
  return null;
}

/**
 * Find: centre the graph on a node, at a zoom where it reads well, and give it the keyboard focus. A node found before
 * the layout has placed it (the page is live before the first layout is done) is centred on as soon as it is placed.
 */
function CentreOn({
  focus,
  positions,
  graph,
  onCentred,
}: {
  focus?: { id: string; seq: number } | null;
  positions: ReadonlyMap<string, Point>;
  graph: Graph;
  onCentred?: (id: string) => void;
}) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const done = useRef(0);
  const ready = width > 0 && height > 0 && flow.viewportInitialized;
  // Re-checked when the layout, the graph or the pane changes, until this Find (seq) is done.
  useEffect(() => {
    if (!focus || done.current === focus.seq || !ready) return;
    const node = graph.nodes.find((n) => n.id === focus.id);
    if (!node) return;
    let box: { x: number; y: number; width: number; height: number } | undefined;
    const p = positions.get(node.id);
    if (p) box = { ...p, ...sizeOf(node) };
    else box = groupBoxes(graph, positions).get(node.id);
    if (!box) return;
    done.current = focus.seq;
    void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, {
      zoom: Math.max(flow.getZoom(), 1),
      duration: 0,
    });
    onCentred?.(node.id);
    // Only nodes in view are rendered: the centred one appears after React Flow's next render, so look for a while
    // (not cancelled by a live change meanwhile: this Find is done once centred).
    let tries = 0;
    const focusIt = () => {
      const el = document.querySelector<HTMLElement>(`.berth-topology [data-id="${CSS.escape(node.id)}"]`);
      if (el) el.focus();
      else if (tries++ < 60) requestAnimationFrame(focusIt);
    };
    requestAnimationFrame(focusIt);
  }, [focus?.seq, positions, graph, ready]);
  return null;
}

export function TopologyGraph(props: {
  graph: Graph;
  positions: ReadonlyMap<string, Point>;
  generation: number;
  label: string;
  onOpen?: (node: TopologyNode) => void;
  fitKey?: string;
  focus?: { id: string; seq: number } | null;
  /** The benchmark fits everything in view (the heaviest case to draw); pages keep labels readable. */
  fitMinZoom?: number;
  /** Find's node is in view (it may be found before the layout has placed it). */
  onCentred?: (id: string) => void;
}) {
  const flow = useMemo(() => toFlow(props.graph, props.positions), [props.graph, props.positions]);
  const focusId = props.focus?.id;
  // The node Find landed on is drawn selected, so the eye finds it too.
  const nodes = useMemo(
    () => (focusId ? flow.nodes.map((n) => (n.id === focusId ? { ...n, selected: true } : n)) : flow.nodes),
    [flow.nodes, focusId],
  );
  const edges = flow.edges;
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
      <FitOnFullLayout
        generation={props.generation}
        fitKey={props.fitKey}
        minZoom={props.fitMinZoom ?? MIN_READABLE_ZOOM}
        nodes={nodes}
      />
      <CentreOn focus={props.focus} positions={props.positions} graph={props.graph} onCentred={props.onCentred} />
      <Background gap={24} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
