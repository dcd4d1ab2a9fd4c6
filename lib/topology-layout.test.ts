import { describe, expect, it } from "vitest";
import { buildTopology, containerNodeId, networkNodeId, type TopologyGraph } from "./topology";
import {
  absolutePositions,
  type Box,
  type ElkInNode,
  groupBoxes,
  isGroup,
  placeNewNodes,
  planLayout,
  sizeOf,
} from "./topology-layout";
import { syntheticTopology } from "./topology-synthetic";

/** Stand-in for ELK's packing: cluster boxes in one row (ELK itself is exercised by the e2e test and the bench). */
function packInRow(root: ElkInNode): ElkInNode {
  let x = 0;
  const walk = (n: ElkInNode): ElkInNode => {
    const children = n.children?.map((c) => {
      if (c.children) return walk(c);
      const placed = { ...c, x, y: 0 };
      x += (c.width ?? 0) + 50;
      return placed;
    });
    return { ...n, x: 0, y: 0, children };
  };
  return walk(root);
}

function boxesOf(g: TopologyGraph, pos: ReadonlyMap<string, { x: number; y: number }>): [string, Box][] {
  return g.nodes.filter((n) => !isGroup(n) && pos.has(n.id)).map((n) => [n.id, { ...pos.get(n.id)!, ...sizeOf(n) }]);
}

function overlaps(list: [string, Box][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, p] = list[i]!;
      const [b, q] = list[j]!;
      if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height)
        out.push(`${a} x ${b}`);
    }
  return out;
}

describe("planLayout", () => {
  it("places every leaf node once, without overlaps, for a 500-node graph", () => {
    const g = syntheticTopology(500);
    const plan = planLayout(g);
    const pos = absolutePositions(plan, packInRow(plan.elk));
    const leaves = g.nodes.filter((n) => !isGroup(n));
    expect(pos.size).toBe(leaves.length);
    expect(overlaps(boxesOf(g, pos))).toEqual([]);
  });

  it("puts a container above its network and a host port above its container", () => {
    const g = syntheticTopology(60);
    const plan = planLayout(g);
    const pos = absolutePositions(plan, packInRow(plan.elk));
    const portEdge = g.edges.find((e) => e.kind === "port")!;
    expect(pos.get(portEdge.source)!.y).toBeLessThan(pos.get(portEdge.target)!.y);
    const netEdge = g.edges.find((e) => e.kind === "network")!;
    expect(pos.get(netEdge.source)!.y).toBeLessThan(pos.get(netEdge.target)!.y);
  });

  it("nests clusters in endpoint boxes when the graph spans endpoints", () => {
    const g = syntheticTopology(40, "a");
    const withEp: TopologyGraph = {
      nodes: [
        { id: "ep:a", el: "node", kind: "endpoint", endpointId: "a", label: "A" },
        ...g.nodes.map((n) => (n.parent ? n : { ...n, parent: "ep:a" })),
      ],
      edges: g.edges,
    };
    const plan = planLayout(withEp);
    expect(plan.elk.children?.map((c) => c.id)).toEqual(["__ep:a"]);
  });
});

describe("placeNewNodes", () => {
  const hex = (n: number) => n.toString(16).padStart(64, "0");
  const netA = {
    id: hex(1),
    endpointId: "ep",
    name: "a",
    driver: "bridge",
    scope: "local",
    internal: false,
    labels: {},
  };
  const ctr = (n: number, nets: string[]) => ({
    id: hex(100 + n),
    endpointId: "ep",
    name: `c${n}`,
    image: "x",
    state: "running" as const,
    status: "",
    ports: [],
    created: 0,
    labels: {},
    networks: nets.map((id) => ({ id, name: "a" })),
  });

  it("never moves a known node and puts a newcomer free of overlaps, next to its network", () => {
    const before = buildTopology({ endpointId: "ep", networks: [netA], containers: [ctr(1, [netA.id])] });
    const plan = planLayout(before);
    const known = absolutePositions(plan, packInRow(plan.elk));
    const after = buildTopology({
      endpointId: "ep",
      networks: [netA],
      containers: [ctr(1, [netA.id]), ctr(2, [netA.id]), ctr(3, [netA.id])],
    });
    const placed = placeNewNodes(after, known);
    expect([...placed.keys()].sort()).toEqual(
      [containerNodeId("ep", hex(102)), containerNodeId("ep", hex(103))].sort(),
    );
    for (const id of known.keys()) expect(placed.has(id)).toBe(false);
    const all = new Map([...known, ...placed]);
    expect(overlaps(boxesOf(after, all))).toEqual([]);
    const net = all.get(networkNodeId("ep", netA.id))!;
    for (const p of placed.values()) {
      expect(p.y).toBeLessThan(net.y);
      expect(Math.abs(p.x - net.x)).toBeLessThan(1000);
    }
  });

  it("puts a newcomer with no placed neighbour right of everything", () => {
    const before = buildTopology({ endpointId: "ep", networks: [netA], containers: [] });
    const known = new Map([[networkNodeId("ep", netA.id), { x: 0, y: 0 }]]);
    const after = buildTopology({ endpointId: "ep", networks: [netA], containers: [ctr(9, [])] });
    expect(before.nodes).toHaveLength(1);
    const placed = placeNewNodes(after, known);
    expect(placed.get(containerNodeId("ep", hex(109)))!.x).toBeGreaterThan(200);
  });

  it("places 200 newcomers among 500 known nodes without overlaps", () => {
    const g = syntheticTopology(700);
    const plan = planLayout(g);
    const all = absolutePositions(plan, packInRow(plan.elk));
    const known = new Map([...all].filter((_, i) => i % 4 !== 0));
    const placed = placeNewNodes(g, known);
    expect(placed.size + known.size).toBe(all.size);
    expect(overlaps(boxesOf(g, new Map([...known, ...placed])))).toEqual([]);
  });
});

describe("groupBoxes", () => {
  it("draws a project box around all its members, and an endpoint box around the project box", () => {
    const g = syntheticTopology(80, "a");
    const withEp: TopologyGraph = {
      nodes: [
        { id: "ep:a", el: "node", kind: "endpoint", endpointId: "a", label: "A" },
        ...g.nodes.map((n) => (n.parent ? n : { ...n, parent: "ep:a" })),
      ],
      edges: g.edges,
    };
    const plan = planLayout(withEp);
    const pos = absolutePositions(plan, packInRow(plan.elk));
    const boxes = groupBoxes(withEp, pos);
    const inside = (b: Box, p: Box) =>
      p.x >= b.x && p.y >= b.y && p.x + p.width <= b.x + b.width && p.y + p.height <= b.y + b.height;
    for (const n of withEp.nodes) {
      if (!n.parent || isGroup(n)) continue;
      expect(inside(boxes.get(n.parent)!, { ...pos.get(n.id)!, ...sizeOf(n) })).toBe(true);
      expect(inside(boxes.get("ep:a")!, { ...pos.get(n.id)!, ...sizeOf(n) })).toBe(true);
    }
    for (const n of withEp.nodes.filter((x) => x.kind === "project"))
      expect(inside(boxes.get("ep:a")!, boxes.get(n.id)!)).toBe(true);
  });
});

describe("a swarm in the layout", () => {
  it("places every swarm node, task and service in one cluster, rows apart, without overlaps", () => {
    const nodes = ["a", "b"].map((id) => ({
      id,
      hostname: `worker-${id}`,
      role: "worker" as const,
      availability: "active" as const,
      state: "ready",
      addr: "",
      leader: false,
      engineVersion: "",
      labels: {},
      nanoCpus: 0,
      memoryBytes: 0,
      version: 1,
    }));
    const service = {
      id: "s",
      name: "web",
      mode: "replicated" as const,
      running: 12,
      desired: 12,
      image: "x",
      ports: [],
      labels: {},
      endpointMode: "dnsrr",
      networks: [],
      template: "x",
      createdAt: "",
      updatedAt: "",
      version: 1,
    };
    const tasks = Array.from({ length: 12 }, (_, i) => ({
      id: `t${i}`,
      serviceId: "s",
      nodeId: i % 2 ? "a" : "b",
      slot: i + 1,
      desiredState: "running",
      state: "running",
      message: "",
      image: "x",
      template: "x",
      createdAt: "",
      timestamp: "",
    }));
    const g = buildTopology({
      endpointId: "ep",
      networks: [],
      containers: [],
      swarm: { nodes, services: [service], tasks },
    });
    const plan = planLayout(g);
    const pos = absolutePositions(plan, packInRow(plan.elk));
    expect(g.nodes.every((n) => pos.has(n.id))).toBe(true);
    expect(new Set([...plan.local.values()].map((p) => p.cluster))).toEqual(new Set(["cl:swarm:ep"]));
    expect(overlaps(boxesOf(g, pos))).toEqual([]);
    const y = (id: string) => pos.get(id)!.y;
    expect(y("swn:ep:a")).toBeLessThan(y("task:ep:t0"));
    expect(y("task:ep:t11")).toBeLessThan(y("svc:ep:s"));
  });
});
