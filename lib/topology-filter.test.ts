import { describe, expect, it } from "vitest";
import type { ContainerSummary, NetworkSummary } from "./domain";
import { buildTopology, combineTopologies } from "./topology";
import { filterChoices, filterTopology, findNodes } from "./topology-filter";

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
const shopNet = net(2, "shop_default", { "com.docker.compose.project": "shop" });
const none = net(3, "none");
const web = ctr(1, "web", {
  ports: [{ ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp" }],
  networks: [{ id: front.id, name: "front" }],
});
const api = ctr(2, "shop-api-1", {
  labels: { "com.docker.compose.project": "shop" },
  networks: [
    { id: shopNet.id, name: "shop_default" },
    { id: front.id, name: "front" },
  ],
});
const db = ctr(3, "shop-db-1", {
  labels: { "com.docker.compose.project": "shop" },
  networks: [{ id: shopNet.id, name: "shop_default" }],
});
// Attachments that name the network without its id (stopped containers on "none" do this): one "none" node.
const lone1 = ctr(4, "lone-1", { networks: [{ id: "", name: "none" }] });
const lone2 = ctr(5, "lone-2", { networks: [{ id: none.id, name: "none" }] });
const graph = buildTopology({
  endpointId: "ep",
  networks: [front, shopNet, none],
  containers: [web, api, db, lone1, lone2],
});
const labels = (g: { nodes: { label: string }[] }) => g.nodes.map((n) => n.label).sort();

describe("buildTopology with attachments by name", () => {
  it("makes one node per network name, whatever form of id an attachment carries", () => {
    expect(graph.nodes.filter((n) => n.label === "none")).toHaveLength(1);
    expect(graph.edges.filter((e) => e.target.includes(none.id))).toHaveLength(2);
  });
});

describe("filterTopology", () => {
  it("no filter: the graph as it is", () => {
    expect(filterTopology(graph, {})).toBe(graph);
  });

  it("a compose project: its containers, their networks and the project box", () => {
    const g = filterTopology(graph, { project: "shop" });
    expect(labels(g)).toEqual(["front", "shop", "shop-api-1", "shop-db-1", "shop_default"]);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.source))).toBe(true);
  });

  it("a network: the containers on it and that network only, with their host ports", () => {
    const g = filterTopology(graph, { network: "front" });
    expect(labels(g)).toEqual(["*:8080/tcp", "front", "shop", "shop-api-1", "web"]);
    expect(g.edges.map((e) => e.kind).sort()).toEqual(["network", "network", "port"]);
  });

  it("an endpoint of a combined graph: only what is on it, inside its box", () => {
    const other = buildTopology({
      endpointId: "two",
      networks: [],
      containers: [{ ...web, endpointId: "two", networks: [] }],
    });
    const both = combineTopologies([
      { endpointId: "ep", name: "local", graph },
      { endpointId: "two", name: "second", graph: other },
    ]);
    const g = filterTopology(both, { endpoint: "two" });
    expect(g.nodes.every((n) => n.endpointId === "two")).toBe(true);
    expect(labels(g)).toEqual(["*:8080/tcp", "second", "web"]);
    expect(filterChoices(both, new Map([["two", "second"]])).endpoints).toEqual([
      { id: "ep", name: "ep" },
      { id: "two", name: "second" },
    ]);
  });

  it("filters combine: project and network", () => {
    expect(labels(filterTopology(graph, { project: "shop", network: "shop_default" }))).toEqual([
      "shop",
      "shop-api-1",
      "shop-db-1",
      "shop_default",
    ]);
  });
});

describe("filterChoices and findNodes", () => {
  it("lists projects and networks once each", () => {
    const c = filterChoices(graph);
    expect(c.projects).toEqual(["shop"]);
    expect(c.networks).toEqual(["front", "none", "shop_default"]);
  });

  it("finds by part of a label, an exact name first, containers before networks", () => {
    expect(findNodes(graph, "SHOP").map((n) => n.label)).toEqual(["shop", "shop-api-1", "shop-db-1", "shop_default"]);
    expect(findNodes(graph, "web").map((n) => n.label)).toEqual(["web"]);
    expect(findNodes(graph, "  ")).toEqual([]);
  });
});
