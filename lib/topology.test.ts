import { describe, expect, it } from "vitest";
import type { ContainerSummary, NetworkSummary } from "./domain";
import {
  applyTopologyDiff,
  buildTopology,
  combineTopologies,
  connections,
  containerNodeId,
  diffTopology,
  edgeAccessibleName,
  graphFromElements,
  networkNodeId,
  nodeAccessibleName,
  projectNodeId,
  topologyElements,
  userAliases,
} from "./topology";

const hex = (n: number) => n.toString(16).padStart(64, "0");
const net = (n: number, name: string, labels: Record<string, string> = {}): NetworkSummary => ({
  id: hex(0xa00 + n),
  endpointId: "ep",
  name,
  driver: "bridge",
  scope: "local",
  internal: false,
  labels,
});
const ctr = (n: number, name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: hex(0xc00 + n),
  endpointId: "ep",
  name,
  image: "busybox",
  state: "running",
  status: "Up",
  ports: [],
  created: 0,
  labels: {},
  networks: [],
  ...extra,
});

const front = net(1, "front");
const back = net(2, "shop_default", { "com.docker.compose.project": "shop" });
const web = ctr(1, "web", {
  ports: [
    { ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" },
    { ip: "::", privatePort: 80, publicPort: 8080, type: "tcp" },
    { privatePort: 443, type: "tcp" },
  ],
  networks: [{ id: front.id, name: "front", aliases: ["www", "web", hex(0xc01).slice(0, 12)] }],
});
const api = ctr(2, "shop-api-1", {
  labels: { "com.docker.compose.project": "shop" },
  networks: [
    { id: back.id, name: "shop_default", aliases: ["api"] },
    { id: front.id, name: "front" },
  ],
});

describe("buildTopology", () => {
  const g = buildTopology({ endpointId: "ep", networks: [front, back], containers: [web, api] });
  const ids = g.nodes.map((n) => n.id);

  it("makes nodes for networks, containers, published host ports and compose projects", () => {
    expect(ids).toContain(networkNodeId("ep", front.id));
    expect(ids).toContain(containerNodeId("ep", web.id));
    expect(ids).toContain(projectNodeId("ep", "shop"));
    // IPv4 and IPv6 wildcard bindings of one port are one host port; the unpublished 443 is none.
    const ports = g.nodes.filter((n) => n.kind === "port");
    expect(ports.map((p) => p.label)).toEqual(["*:8080/tcp"]);
    expect(g.nodes).toHaveLength(6);
  });

  it("links containers to networks with their user aliases, and host ports to containers", () => {
    const webEdge = g.edges.find((e) => e.source === containerNodeId("ep", web.id) && e.kind === "network");
    // The short id Docker adds to every alias list says nothing and is dropped.
    expect(webEdge?.label).toBe("web, www");
    const portEdges = g.edges.filter((e) => e.kind === "port");
    expect(portEdges).toHaveLength(1);
    expect(portEdges[0]).toMatchObject({ target: containerNodeId("ep", web.id), label: "80/tcp" });
    expect(g.edges.filter((e) => e.source === containerNodeId("ep", api.id))).toHaveLength(2);
  });

  it("groups a compose project's containers and networks under the project node", () => {
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get(containerNodeId("ep", api.id))?.parent).toBe(projectNodeId("ep", "shop"));
    expect(byId.get(networkNodeId("ep", back.id))?.parent).toBe(projectNodeId("ep", "shop"));
    expect(byId.get(containerNodeId("ep", web.id))?.parent).toBeUndefined();
  });

  it("is deterministic: the same input in another order gives the same graph and ids", () => {
    const again = buildTopology({ endpointId: "ep", networks: [back, front], containers: [api, web] });
    expect(again).toEqual(g);
  });

  it("shows a network the network store has not seen yet, named by the container", () => {
    const lonely = ctr(3, "lonely", { networks: [{ id: hex(0xfff), name: "brand-new" }] });
    const g2 = buildTopology({ endpointId: "ep", networks: [], containers: [lonely] });
    expect(g2.nodes.find((n) => n.kind === "network")?.label).toBe("brand-new");
    expect(g2.edges).toHaveLength(1);
  });

  it("keeps hostile names as plain data", () => {
    const evil = ctr(4, "<img src=x onerror=alert(1)>");
    const g2 = buildTopology({ endpointId: "ep", networks: [], containers: [evil] });
    expect(g2.nodes[0]?.label).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("diffTopology", () => {
  const before = buildTopology({ endpointId: "ep", networks: [front, back], containers: [web, api] });

  it("is empty for equal graphs", () => {
    expect(diffTopology(before, before)).toEqual({ upsert: [], remove: [] });
  });

  it("carries exactly the edge that a disconnect removes", () => {
    const apiOff = { ...api, networks: api.networks!.filter((n) => n.id !== front.id) };
    const after = buildTopology({ endpointId: "ep", networks: [front, back], containers: [web, apiOff] });
    const d = diffTopology(before, after);
    expect(d.upsert).toEqual([]);
    expect(d.remove).toEqual([`e:${containerNodeId("ep", api.id)}->${networkNodeId("ep", front.id)}`]);
  });

  it("carries a new container with its edges, and a changed alias as an upsert of that edge", () => {
    const db = ctr(5, "db", { networks: [{ id: back.id, name: "shop_default" }] });
    const webAlias = { ...web, networks: [{ id: front.id, name: "front", aliases: ["site"] }] };
    const after = buildTopology({ endpointId: "ep", networks: [front, back], containers: [webAlias, api, db] });
    const d = diffTopology(before, after);
    expect(d.remove).toEqual([]);
    expect(d.upsert.map((e) => e.id).sort()).toEqual(
      [
        containerNodeId("ep", db.id),
        `e:${containerNodeId("ep", db.id)}->${networkNodeId("ep", back.id)}`,
        `e:${containerNodeId("ep", web.id)}->${networkNodeId("ep", front.id)}`,
      ].sort(),
    );
  });

  it("round-trips: applying the diff to the old graph gives the new one", () => {
    const after = buildTopology({ endpointId: "ep", networks: [back], containers: [api] });
    expect(applyTopologyDiff(before, diffTopology(before, after))).toEqual(after);
    expect(applyTopologyDiff(after, diffTopology(after, before))).toEqual(before);
  });
});

describe("graphFromElements", () => {
  it("drops edges whose ends are missing", () => {
    const g = buildTopology({ endpointId: "ep", networks: [front], containers: [web] });
    const partial = topologyElements(g).filter((e) => e.id !== networkNodeId("ep", front.id));
    const back2 = graphFromElements(partial);
    expect(back2.edges.every((e) => e.kind === "port")).toBe(true);
  });
});

describe("combineTopologies", () => {
  it("puts each endpoint's top-level nodes into an endpoint group, keeping project groups nested", () => {
    const a = buildTopology({ endpointId: "a", networks: [{ ...back, endpointId: "a" }], containers: [api] });
    const b = buildTopology({ endpointId: "b", networks: [{ ...front, endpointId: "b" }], containers: [] });
    const g = combineTopologies([
      { endpointId: "a", name: "Alpha", graph: a },
      { endpointId: "b", name: "Beta", graph: b },
    ]);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get("ep:a")?.label).toBe("Alpha");
    expect(byId.get(projectNodeId("a", "shop"))?.parent).toBe("ep:a");
    expect(byId.get(containerNodeId("a", api.id))?.parent).toBe(projectNodeId("a", "shop"));
    expect(byId.get(networkNodeId("b", front.id))?.parent).toBe("ep:b");
    // Same engine ids on two endpoints never collide.
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });
});

describe("connections and names", () => {
  const g = buildTopology({ endpointId: "ep", networks: [front, back], containers: [web, api] });
  it("lists what connects to what, container first, sorted", () => {
    const rows = connections(g).map((r) => [r.container.label, r.kind, r.other.label, r.label ?? ""]);
    expect(rows).toEqual([
      ["shop-api-1", "network", "front", ""],
      ["shop-api-1", "network", "shop_default", "api"],
      ["web", "network", "front", "web, www"],
      ["web", "port", "*:8080/tcp", "80/tcp"],
    ]);
  });

  it("names nodes and edges for assistive technology", () => {
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(nodeAccessibleName(byId.get(containerNodeId("ep", web.id))!)).toBe("Container web");
    const edge = g.edges.find((e) => e.kind === "network" && e.source === containerNodeId("ep", web.id))!;
    expect(edgeAccessibleName(edge, byId)).toBe("web on network front");
  });

  it("userAliases drops the short id, blanks and duplicates", () => {
    expect(userAliases(hex(1), ["b", "a", "", "b", hex(1).slice(0, 12)])).toEqual(["a", "b"]);
    expect(userAliases(hex(1), undefined)).toEqual([]);
  });
});

describe("a swarm manager's graph", () => {
  const overlay = { ...net(9, "shop_net"), driver: "overlay", scope: "swarm" };
  const node = (id: string, hostname: string) => ({
    id,
    hostname,
    role: "worker" as const,
    availability: "active" as const,
    state: "ready",
    addr: "10.0.0.2",
    leader: false,
    engineVersion: "20.10",
    labels: {},
    nanoCpus: 1e9,
    memoryBytes: 1,
    version: 1,
  });
  const service = {
    id: "svc1",
    name: "shop_web",
    mode: "replicated" as const,
    replicas: 2,
    running: 2,
    desired: 2,
    image: "busybox",
    ports: [],
    labels: {},
    endpointMode: "dnsrr",
    networks: [overlay.id, "shop_net"],
    template: "x",
    createdAt: "",
    updatedAt: "",
    version: 1,
  };
  const task = (id: string, slot: number, nodeId: string, desiredState = "running") => ({
    id,
    serviceId: "svc1",
    nodeId,
    slot,
    desiredState,
    state: desiredState === "running" ? "running" : "shutdown",
    message: "",
    image: "busybox",
    template: "x",
    createdAt: "",
    timestamp: "",
  });
  const g = buildTopology({
    endpointId: "ep",
    networks: [overlay],
    containers: [],
    swarm: {
      nodes: [node("n1", "worker-1"), node("n2", "worker-2")],
      services: [service],
      tasks: [task("t1", 1, "n1"), task("t2", 2, "n2"), task("t0", 1, "n1", "shutdown")],
    },
  });
  const byId = new Map(g.nodes.map((n) => [n.id, n]));

  it("links nodes -> tasks -> services -> networks, tasks wanted running only", () => {
    const rows = connections(g).map((r) => [r.container.label, r.kind, r.other.label]);
    expect(rows).toEqual([
      ["shop_web", "network", "shop_net"],
      ["shop_web.1", "member", "shop_web"],
      ["shop_web.1", "placement", "worker-1"],
      ["shop_web.2", "member", "shop_web"],
      ["shop_web.2", "placement", "worker-2"],
    ]);
    expect(g.nodes.filter((n) => n.kind === "task")).toHaveLength(2);
  });

  it("names swarm parts for screen readers", () => {
    const t1 = byId.get("task:ep:t1")!;
    expect(nodeAccessibleName(t1)).toBe("Task shop_web.1");
    expect(nodeAccessibleName(byId.get("swn:ep:n1")!)).toBe("Swarm node worker-1");
    const placement = g.edges.find((e) => e.kind === "placement" && e.source === t1.id)!;
    expect(edgeAccessibleName(placement, byId)).toBe("shop_web.1 runs on worker-1");
  });
});
