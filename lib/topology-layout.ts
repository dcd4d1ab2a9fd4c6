import type { TopologyGraph, TopologyNode, TopologyNodeKind } from "./topology";

/**
 * Layout helpers around ELK, pure so they run in the layout worker and in unit tests alike: the ELK input graph, the
 * absolute positions out of ELK's nested result, placing newcomers next to what they connect to without moving
 * anything already on screen, and the boxes of group nodes drawn around their members.
 */

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  width: number;
  height: number;
}

export const NODE_SIZE: Record<Exclude<TopologyNodeKind, "endpoint" | "project">, { width: number; height: number }> = {
  network: { width: 200, height: 48 },
  container: { width: 190, height: 48 },
  port: { width: 150, height: 32 },
  swarmNode: { width: 190, height: 48 },
  task: { width: 150, height: 40 },
  service: { width: 200, height: 48 },
};
const SWARM_KINDS = new Set<TopologyNodeKind>(["swarmNode", "task", "service"]);
const GROUP_PAD = 16;
const GROUP_LABEL = 24;

export const isGroup = (n: TopologyNode) => n.kind === "endpoint" || n.kind === "project";
export const sizeOf = (n: TopologyNode) => NODE_SIZE[n.kind as keyof typeof NODE_SIZE] ?? NODE_SIZE.container;

/** The subset of ELK's JSON graph used here (elkjs's own types stay out of lib/). */
export interface ElkInNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkInNode[];
}

/**
 * Why not hand ELK the whole graph: ELK's layered algorithm on hub-and-spoke graphs (a network with hundreds of
 * containers is one huge layer) took 9 s for 500 nodes and 32 s for 1,000 here, and stress far longer. So the graph is
 * cut into clusters (a compose project, or a network with the containers whose first network it is, ports with their
 * container), each cluster is arranged on a grid in O(n) (networks below, containers above, a container's host ports
 * right above it), and ELK packs the cluster boxes (rectpacking, nested per endpoint), which takes milliseconds.
 */
export interface ClusterPlan {
  elk: ElkInNode;
  /** Leaf positions inside their cluster box. */
  local: Map<string, { cluster: string; x: number; y: number }>;
}

const CELL_GAP_X = 24;
const ROW_GAP = 28;
const MAX_COLUMNS = 8;

export const ELK_PACK_OPTIONS: Record<string, string> = {
  "elk.algorithm": "rectpacking",
  "elk.spacing.nodeNode": "48",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
  "elk.aspectRatio": "1.6",
};

function clusterKey(
  n: TopologyNode,
  byId: ReadonlyMap<string, TopologyNode>,
  firstNetwork: ReadonlyMap<string, string>,
  portOwner: ReadonlyMap<string, string>,
): string {
  if (n.parent && byId.get(n.parent)?.kind === "project") return n.parent;
  if (SWARM_KINDS.has(n.kind)) return `cl:swarm:${n.endpointId}`;
  if (n.kind === "network") return `cl:${n.id}`;
  if (n.kind === "container") {
    const net = firstNetwork.get(n.id);
    const netNode = net ? byId.get(net) : undefined;
    if (netNode?.parent && byId.get(netNode.parent)?.kind === "project") return netNode.parent;
    return net ? `cl:${net}` : `cl:loose:${n.endpointId}`;
  }
  const owner = portOwner.get(n.id);
  const ownerNode = owner ? byId.get(owner) : undefined;
  return ownerNode ? clusterKey(ownerNode, byId, firstNetwork, portOwner) : `cl:loose:${n.endpointId}`;
}

/** The swarm of a manager: its nodes in the top rows, the tasks on them below, their services at the bottom. */
function arrangeSwarm(members: TopologyNode[]) {
  const local = new Map<string, Point>();
  let y = 0;
  let width = 0;
  for (const kind of ["swarmNode", "task", "service"] as const) {
    const row = members.filter((m) => m.kind === kind).sort((a, b) => a.label.localeCompare(b.label));
    const size = NODE_SIZE[kind];
    row.forEach((m, i) => {
      const x = (i % MAX_COLUMNS) * (size.width + CELL_GAP_X);
      local.set(m.id, { x, y: y + Math.floor(i / MAX_COLUMNS) * (size.height + ROW_GAP) });
      width = Math.max(width, x + size.width);
    });
    if (row.length) y += Math.ceil(row.length / MAX_COLUMNS) * (size.height + ROW_GAP);
  }
  return { local, width: Math.max(width, 1), height: Math.max(y - ROW_GAP, 1) };
}

/** Arrange one cluster: networks in the bottom row, containers in rows above, each port just above its container. */
function arrangeCluster(members: TopologyNode[], portsOf: ReadonlyMap<string, TopologyNode[]>) {
  if (members.some((m) => SWARM_KINDS.has(m.kind))) return arrangeSwarm(members);
  const local = new Map<string, Point>();
  const containers = members.filter((m) => m.kind === "container").sort((a, b) => a.label.localeCompare(b.label));
  const networks = members.filter((m) => m.kind === "network").sort((a, b) => a.label.localeCompare(b.label));
  const inCluster = new Set(members.map((m) => m.id));
  const cols = Math.max(1, Math.min(MAX_COLUMNS, Math.ceil(Math.sqrt(containers.length * 1.5))));
  const cellW = NODE_SIZE.container.width + CELL_GAP_X;
  const portH = NODE_SIZE.port.height + 8;
  const rows = Math.ceil(containers.length / cols);
  let y = 0;
  let width = 0;
  for (let r = 0; r < rows; r++) {
    const row = containers.slice(r * cols, (r + 1) * cols);
    const maxPorts = Math.max(
      0,
      ...row.map((c) => (portsOf.get(c.id) ?? []).filter((p) => inCluster.has(p.id)).length),
    );
    row.forEach((c, i) => {
      const x = i * cellW;
      const ports = (portsOf.get(c.id) ?? []).filter((p) => inCluster.has(p.id) && !local.has(p.id));
      for (const [k, p] of ports.entries())
        local.set(p.id, { x: x + 20, y: y + (maxPorts - ports.length + k) * portH });
      local.set(c.id, { x, y: y + maxPorts * portH });
      width = Math.max(width, x + NODE_SIZE.container.width);
    });
    y += maxPorts * portH + NODE_SIZE.container.height + ROW_GAP;
  }
  // Ports whose container sits elsewhere (rare): a row of their own.
  const strays = members.filter((m) => m.kind === "port" && !local.has(m.id));
  strays.forEach((p, i) => {
    local.set(p.id, { x: i * (NODE_SIZE.port.width + CELL_GAP_X), y });
    width = Math.max(width, i * (NODE_SIZE.port.width + CELL_GAP_X) + NODE_SIZE.port.width);
  });
  if (strays.length) y += NODE_SIZE.port.height + ROW_GAP;
  if (networks.length) y += ROW_GAP;
  const netW = NODE_SIZE.network.width + CELL_GAP_X;
  const netCols = Math.max(1, Math.floor(Math.max(width, netW) / netW));
  networks.forEach((n, i) => {
    const rowWidth = Math.min(networks.length - Math.floor(i / netCols) * netCols, netCols) * netW - CELL_GAP_X;
    const offset = Math.max(0, (width - rowWidth) / 2);
    local.set(n.id, {
      x: offset + (i % netCols) * netW,
      y: y + Math.floor(i / netCols) * (NODE_SIZE.network.height + ROW_GAP),
    });
  });
  if (networks.length) {
    width = Math.max(width, Math.min(networks.length, netCols) * netW - CELL_GAP_X);
    y += Math.ceil(networks.length / netCols) * (NODE_SIZE.network.height + ROW_GAP);
  }
  return { local, width: Math.max(width, 1), height: Math.max(y - ROW_GAP, 1) };
}

/** Clusters arranged, and the ELK graph that packs them (per endpoint when there are endpoint groups). */
export function planLayout(g: TopologyGraph): ClusterPlan {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const firstNetwork = new Map<string, string>();
  const portOwner = new Map<string, string>();
  const portsOf = new Map<string, TopologyNode[]>();
  for (const e of g.edges) {
    if (e.kind === "network") {
      const prev = firstNetwork.get(e.source);
      const label = byId.get(e.target)?.label ?? "";
      if (!prev || label.localeCompare(byId.get(prev)?.label ?? "") < 0) firstNetwork.set(e.source, e.target);
    } else if (e.kind === "port" && !portOwner.has(e.source) && byId.has(e.source)) {
      portOwner.set(e.source, e.target);
      portsOf.set(e.target, [...(portsOf.get(e.target) ?? []), byId.get(e.source)!]);
    }
  }
  const clusters = new Map<string, TopologyNode[]>();
  for (const n of g.nodes) {
    if (isGroup(n)) continue;
    const key = clusterKey(n, byId, firstNetwork, portOwner);
    const list = clusters.get(key);
    if (list) list.push(n);
    else clusters.set(key, [n]);
  }
  const root: ElkInNode = { id: "__root", layoutOptions: ELK_PACK_OPTIONS, children: [] };
  const endpointBoxes = new Map<string, ElkInNode>();
  const local = new Map<string, { cluster: string; x: number; y: number }>();
  const multiEndpoint = g.nodes.some((n) => n.kind === "endpoint");
  for (const [key, members] of [...clusters].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const box = arrangeCluster(members, portsOf);
    for (const [id, p] of box.local) local.set(id, { cluster: key, ...p });
    const pad = byId.get(key)?.kind === "project" ? GROUP_PAD + GROUP_LABEL : 0;
    const node: ElkInNode = { id: key, width: box.width + 2 * pad, height: box.height + 2 * pad };
    if (pad)
      for (const id of box.local.keys()) {
        const p = local.get(id)!;
        p.x += pad;
        p.y += pad + GROUP_LABEL / 2;
      }
    const ep = members[0]!.endpointId;
    if (!multiEndpoint) {
      root.children!.push(node);
      continue;
    }
    let epBox = endpointBoxes.get(ep);
    if (!epBox) {
      epBox = {
        id: `__ep:${ep}`,
        layoutOptions: {
          ...ELK_PACK_OPTIONS,
          "elk.padding": `[top=${GROUP_LABEL + 2 * GROUP_PAD},left=${2 * GROUP_PAD},bottom=${2 * GROUP_PAD},right=${2 * GROUP_PAD}]`,
        },
        children: [],
      };
      endpointBoxes.set(ep, epBox);
      root.children!.push(epBox);
    }
    epBox.children!.push(node);
  }
  return { elk: root, local };
}

/** Absolute top-left corners of every leaf once ELK has placed the cluster boxes. */
export function absolutePositions(plan: ClusterPlan, packed: ElkInNode): Map<string, Point> {
  const origin = new Map<string, Point>();
  const walk = (n: ElkInNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      if (c.children) walk(c, x, y);
      else origin.set(c.id, { x, y });
    }
  };
  walk(packed, 0, 0);
  const out = new Map<string, Point>();
  for (const [id, p] of plan.local) {
    const o = origin.get(p.cluster) ?? { x: 0, y: 0 };
    out.set(id, { x: o.x + p.x, y: o.y + p.y });
  }
  return out;
}

/** A coarse occupancy grid: enough to find a free spot without comparing against every node. */
class Occupancy {
  private cells = new Map<string, Box[]>();
  constructor(private readonly cell = 120) {}
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(b.x / this.cell); x <= Math.floor((b.x + b.width) / this.cell); x++)
      for (let y = Math.floor(b.y / this.cell); y <= Math.floor((b.y + b.height) / this.cell); y++)
        keys.push(`${x},${y}`);
    return keys;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  free(b: Box, gap: number): boolean {
    const g = { x: b.x - gap, y: b.y - gap, width: b.width + 2 * gap, height: b.height + 2 * gap };
    for (const k of this.keys(g))
      for (const o of this.cells.get(k) ?? [])
        if (g.x < o.x + o.width && o.x < g.x + g.width && g.y < o.y + o.height && o.y < g.y + g.height) return false;
    return true;
  }
}

const KIND_ORDER: Record<string, number> = { network: 0, container: 1, port: 2, service: 3, task: 4, swarmNode: 5 };
// Ports sit above containers, containers above networks (the layered layout's direction): keep newcomers that way.
const ROW_OFFSET: Record<string, Record<string, number>> = {
  container: { network: -104, port: 80, container: 0 },
  port: { container: -80 },
  network: { container: 104, network: 0, service: 104 },
  service: { network: -104, task: 80 },
  task: { service: -80, swarmNode: 80 },
  swarmNode: { task: -80 },
};

/**
 * Positions for leaf nodes that have none yet, leaving every known position as it is. A newcomer goes next to a
 * neighbour that already has a place (a container above its network, a port above its container), in the nearest
 * free slot; a newcomer with no placed neighbour goes in a column right of everything.
 */
export function placeNewNodes(g: TopologyGraph, known: ReadonlyMap<string, Point>): Map<string, Point> {
  const placed = new Map<string, Point>();
  const occ = new Occupancy();
  const nodes = new Map(g.nodes.map((n) => [n.id, n]));
  let maxX = 0;
  let minY = Number.POSITIVE_INFINITY;
  for (const n of g.nodes) {
    const p = known.get(n.id);
    if (!p || isGroup(n)) continue;
    occ.add({ ...p, ...sizeOf(n) });
    maxX = Math.max(maxX, p.x + sizeOf(n).width);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(minY)) minY = 0;
  const neighbours = new Map<string, string[]>();
  for (const e of g.edges) {
    neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
    neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
  }
  const newcomers = g.nodes
    .filter((n) => !isGroup(n) && !known.has(n.id))
    .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || (a.id < b.id ? -1 : 1));
  const where = (id: string) => known.get(id) ?? placed.get(id);
  let columnY = minY;
  for (const n of newcomers) {
    const size = sizeOf(n);
    const anchors = (neighbours.get(n.id) ?? [])
      .filter((id) => where(id))
      .sort((a, b) => (KIND_ORDER[nodes.get(a)?.kind ?? ""] ?? 9) - (KIND_ORDER[nodes.get(b)?.kind ?? ""] ?? 9));
    let spot: Point | undefined;
    const anchor = anchors[0];
    if (anchor) {
      const a = where(anchor)!;
      const dy = ROW_OFFSET[n.kind]?.[nodes.get(anchor)?.kind ?? ""] ?? 80;
      const stepX = size.width + 24;
      search: for (let row = 0; row < 6; row++) {
        const y = a.y + dy + Math.sign(dy || 1) * row * (size.height + 24);
        for (let k = 0; k < 24; k++) {
          const x = a.x + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * stepX;
          if (occ.free({ x, y, ...size }, 12)) {
            spot = { x, y };
            break search;
          }
        }
      }
    }
    if (!spot) {
      spot = { x: maxX + 80, y: columnY };
      while (!occ.free({ ...spot, ...size }, 12)) spot.y += size.height + 24;
      columnY = spot.y + size.height + 24;
    }
    placed.set(n.id, spot);
    occ.add({ ...spot, ...size });
  }
  return placed;
}

/** Boxes of group nodes around their members (inner groups first, so outer ones hold them too). */
export function groupBoxes(g: TopologyGraph, positions: ReadonlyMap<string, Point>): Map<string, Box> {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const depth = (n: TopologyNode): number => {
    let d = 0;
    for (let p = n.parent; p && byId.has(p) && d < 8; p = byId.get(p)!.parent) d++;
    return d;
  };
  const boxes = new Map<string, Box>();
  const extents = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  const grow = (id: string, b: Box) => {
    const e = extents.get(id);
    if (!e) extents.set(id, { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
    else {
      e.x0 = Math.min(e.x0, b.x);
      e.y0 = Math.min(e.y0, b.y);
      e.x1 = Math.max(e.x1, b.x + b.width);
      e.y1 = Math.max(e.y1, b.y + b.height);
    }
  };
  for (const n of g.nodes) {
    const p = positions.get(n.id);
    if (!isGroup(n) && p && n.parent && byId.has(n.parent)) grow(n.parent, { ...p, ...sizeOf(n) });
  }
  const groups = g.nodes.filter(isGroup).sort((a, b) => depth(b) - depth(a));
  for (const grp of groups) {
    const e = extents.get(grp.id);
    if (!e) continue;
    const box = {
      x: e.x0 - GROUP_PAD,
      y: e.y0 - GROUP_PAD - GROUP_LABEL,
      width: e.x1 - e.x0 + 2 * GROUP_PAD,
      height: e.y1 - e.y0 + 2 * GROUP_PAD + GROUP_LABEL,
    };
    boxes.set(grp.id, box);
    if (grp.parent && byId.has(grp.parent)) grow(grp.parent, box);
  }
  return boxes;
}
