import { diffSnapshots } from "./diff";
import type { ContainerState, ContainerSummary, Diff, NetworkSummary } from "./domain";
import type { SwarmNode, SwarmService, SwarmTask } from "./swarm";

/**
 * The network topology of Docker endpoints as a graph: networks, containers and published host ports as nodes,
 * compose projects (and, across endpoints, the endpoints themselves) as group nodes; on a swarm manager also the swarm:
 * nodes, the tasks running on them, their services and the (overlay) networks those use. Pure: the server builds it from
 * its stores, the browser lays it out. Node ids are derived from engine ids only, so the same thing keeps the same
 * id across rebuilds and a diff between two builds is exactly what changed.
 */

export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

export type TopologyNodeKind =
  | "endpoint"
  | "project"
  | "network"
  | "container"
  | "port"
  | "swarmNode"
  | "task"
  | "service";
/** network: on a network (container or service); port: host port to container; placement: task on its node;
 * member: task of its service. */
export type TopologyEdgeKind = "network" | "port" | "placement" | "member";

export interface TopologyNode {
  id: string;
  el: "node";
  kind: TopologyNodeKind;
  endpointId: string;
  label: string;
  /** Id of the group node this node sits in. */
  parent?: string;
  /** Engine id of the container, network or service; a task's is its service's (where it links to). */
  refId?: string;
  state?: ContainerState;
  /** Short secondary text: image, driver, protocol. */
  detail?: string;
}

export interface TopologyEdge {
  id: string;
  el: "edge";
  kind: TopologyEdgeKind;
  endpointId: string;
  source: string;
  target: string;
  /** Network aliases of the container on that network, or the container port a host port forwards to. */
  label?: string;
}

export type TopologyElement = TopologyNode | TopologyEdge;

export interface TopologyGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

export interface EndpointTopologyInput {
  endpointId: string;
  networks: Iterable<NetworkSummary>;
  containers: Iterable<ContainerSummary>;
  /** A swarm manager's stores: its tasks wanted running, their nodes and services. */
  swarm?: { nodes: Iterable<SwarmNode>; services: Iterable<SwarmService>; tasks: Iterable<SwarmTask> };
}

export const endpointNodeId = (ep: string) => `ep:${ep}`;
export const projectNodeId = (ep: string, project: string) => `proj:${ep}:${project}`;
export const networkNodeId = (ep: string, networkId: string) => `net:${ep}:${networkId}`;
export const containerNodeId = (ep: string, containerId: string) => `ctr:${ep}:${containerId}`;
export const portNodeId = (ep: string, ip: string, port: number, proto: string) => `port:${ep}:${ip}:${port}/${proto}`;
export const swarmNodeId = (ep: string, nodeId: string) => `swn:${ep}:${nodeId}`;
export const serviceNodeId = (ep: string, serviceId: string) => `svc:${ep}:${serviceId}`;
export const taskNodeId = (ep: string, taskId: string) => `task:${ep}:${taskId}`;

/** IPv4 and IPv6 wildcards publish the same port: one node. */
function hostIp(ip: string | undefined): string {
  return !ip || ip === "0.0.0.0" || ip === "::" ? "*" : ip;
}

function hostLabel(ip: string, port: number, proto: string): string {
  const host = ip === "*" ? "*" : ip.includes(":") ? `[${ip}]` : ip;
  return `${host}:${port}/${proto}`;
}

/** Aliases a user gave; Docker 20.10 adds the container's short id to every user network, which says nothing. */
export function userAliases(containerId: string, aliases: readonly string[] | undefined): string[] {
  const shortId = containerId.slice(0, 12);
  return [...new Set((aliases ?? []).filter((a) => a && a !== shortId && a !== containerId))].sort();
}

/** The graph of one endpoint. */
export function buildTopology(input: EndpointTopologyInput): TopologyGraph {
  const ep = input.endpointId;
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const projectOf = (labels: Record<string, string> | undefined): string | undefined => {
    const project = labels?.[COMPOSE_PROJECT_LABEL];
    if (!project) return undefined;
    const id = projectNodeId(ep, project);
    if (!nodes.has(id)) nodes.set(id, { id, el: "node", kind: "project", endpointId: ep, label: project });
    return id;
  };

  // Read once: the caller may pass a store's iterator, and the swarm part reads the networks again.
  const networks = [...input.networks];
  // Network names are unique on an engine: a container attachment that names a network without (or with another
  // form of) its id is the same network, never a second node ("none" and "host" used to appear twice).
  const networkIdByName = new Map<string, string>();
  for (const n of networks) networkIdByName.set(n.name, n.id);
  for (const n of networks) {
    const id = networkNodeId(ep, n.id);
    const node: TopologyNode = { id, el: "node", kind: "network", endpointId: ep, label: n.name, refId: n.id };
    node.detail = n.internal ? `${n.driver}, internal` : n.driver;
    const parent = projectOf(n.labels);
    if (parent) node.parent = parent;
    nodes.set(id, node);
  }

  for (const c of input.containers) {
    const cid = containerNodeId(ep, c.id);
    const parent = projectOf(c.labels);
    const node: TopologyNode = {
      id: cid,
      el: "node",
      kind: "container",
      endpointId: ep,
      label: c.name,
      refId: c.id,
      state: c.state,
      detail: c.image,
    };
    if (parent) node.parent = parent;
    nodes.set(cid, node);

    for (const att of c.networks ?? []) {
      const known = att.id && nodes.has(networkNodeId(ep, att.id));
      const nid = networkNodeId(ep, known ? att.id : (networkIdByName.get(att.name) ?? (att.id || att.name)));
      // The container list can name a network the network store has not seen yet (events race): show it anyway.
      if (!nodes.has(nid)) {
        nodes.set(nid, {
          id: nid,
          el: "node",
          kind: "network",
          endpointId: ep,
          label: att.name,
          refId: att.id || att.name,
        });
      }
      const edge: TopologyEdge = {
        id: `e:${cid}->${nid}`,
        el: "edge",
        kind: "network",
        endpointId: ep,
        source: cid,
        target: nid,
      };
      const aliases = userAliases(c.id, att.aliases);
      if (aliases.length) edge.label = aliases.join(", ");
      edges.set(edge.id, edge);
    }

    for (const p of c.ports) {
      if (!p.publicPort) continue;
      const ip = hostIp(p.ip);
      const pid = portNodeId(ep, ip, p.publicPort, p.type);
      if (!nodes.has(pid)) {
        const portNode: TopologyNode = {
          id: pid,
          el: "node",
          kind: "port",
          endpointId: ep,
          label: hostLabel(ip, p.publicPort, p.type),
          detail: "host port",
        };
        if (parent) portNode.parent = parent;
        nodes.set(pid, portNode);
      }
      const eid = `e:${pid}->${cid}:${p.privatePort}`;
      edges.set(eid, {
        id: eid,
        el: "edge",
        kind: "port",
        endpointId: ep,
        source: pid,
        target: cid,
        label: `${p.privatePort}/${p.type}`,
      });
    }
  }
  if (input.swarm) addSwarm(ep, input.swarm, networks, nodes, edges);
  return sortGraph({ nodes: [...nodes.values()], edges: [...edges.values()] });
}

/** Swarm nodes -> tasks -> services -> networks. Only tasks wanted running: history stays on the service page. */
function addSwarm(
  ep: string,
  swarm: NonNullable<EndpointTopologyInput["swarm"]>,
  networks: Iterable<NetworkSummary>,
  nodes: Map<string, TopologyNode>,
  edges: Map<string, TopologyEdge>,
): void {
  const edge = (kind: TopologyEdgeKind, source: string, target: string, label?: string) => {
    const id = `e:${source}->${target}`;
    edges.set(id, { id, el: "edge", kind, endpointId: ep, source, target, ...(label ? { label } : {}) });
  };
  const netByName = new Map<string, string>();
  for (const n of networks) if (!netByName.has(n.name)) netByName.set(n.name, n.id);
  for (const n of swarm.nodes) {
    const id = swarmNodeId(ep, n.id);
    nodes.set(id, {
      id,
      el: "node",
      kind: "swarmNode",
      endpointId: ep,
      label: n.hostname,
      refId: n.id,
      detail: `${n.role}, ${n.availability}, ${n.state}`,
    });
  }
  const services = new Map<string, SwarmService>();
  for (const s of swarm.services) {
    services.set(s.id, s);
    const id = serviceNodeId(ep, s.id);
    nodes.set(id, {
      id,
      el: "node",
      kind: "service",
      endpointId: ep,
      label: s.name,
      refId: s.id,
      detail: `${s.running}/${s.desired} running`,
    });
    for (const ref of new Set(s.networks)) {
      const netId = netByName.get(ref) ?? ref;
      const nid = networkNodeId(ep, netId);
      if (!nodes.has(nid))
        nodes.set(nid, { id: nid, el: "node", kind: "network", endpointId: ep, label: ref, refId: netId });
      edge("network", id, nid);
    }
  }
  for (const t of swarm.tasks) {
    const s = services.get(t.serviceId);
    if (!s || t.desiredState !== "running") continue;
    const id = taskNodeId(ep, t.id);
    nodes.set(id, {
      id,
      el: "node",
      kind: "task",
      endpointId: ep,
      label: `${s.name}.${t.slot ?? t.nodeId?.slice(0, 12) ?? t.id.slice(0, 12)}`,
      refId: s.id,
      detail: t.state,
    });
    edge("member", id, serviceNodeId(ep, s.id));
    if (t.nodeId && nodes.has(swarmNodeId(ep, t.nodeId))) edge("placement", id, swarmNodeId(ep, t.nodeId));
  }
}

function sortGraph(g: TopologyGraph): TopologyGraph {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: g.nodes.sort(byId), edges: g.edges.sort(byId) };
}

/**
 * Several endpoints in one graph: each endpoint becomes a group node, and whatever sat at the top of its own graph
 * moves into it. Ids already carry the endpoint id, so graphs never collide.
 */
export function combineTopologies(parts: { endpointId: string; name: string; graph: TopologyGraph }[]): TopologyGraph {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const part of parts) {
    const group = endpointNodeId(part.endpointId);
    nodes.push({ id: group, el: "node", kind: "endpoint", endpointId: part.endpointId, label: part.name });
    for (const n of part.graph.nodes) nodes.push(n.parent ? n : { ...n, parent: group });
    edges.push(...part.graph.edges);
  }
  return sortGraph({ nodes, edges });
}

/** A graph as one keyed collection (nodes and edges have disjoint ids), the shape live topics carry. */
export function topologyElements(g: TopologyGraph): TopologyElement[] {
  return [...g.nodes, ...g.edges];
}

export function graphFromElements(elements: Iterable<TopologyElement>): TopologyGraph {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const e of elements) {
    if (e.el === "node") nodes.push(e);
    else edges.push(e);
  }
  // An edge whose end is gone (a diff half applied, a node removed first) must not reach the renderer.
  const ids = new Set(nodes.map((n) => n.id));
  return sortGraph({ nodes, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) });
}

/** What changed from `before` to `after`: upserted and removed elements. */
export function diffTopology(before: TopologyGraph, after: TopologyGraph): Diff<TopologyElement> {
  const key = (g: TopologyGraph) => new Map(topologyElements(g).map((e) => [e.id, e]));
  return diffSnapshots(key(before), key(after));
}

export function applyTopologyDiff(g: TopologyGraph, diff: Diff<TopologyElement>): TopologyGraph {
  const all = new Map(topologyElements(g).map((e) => [e.id, e]));
  for (const id of diff.remove) all.delete(id);
  for (const e of diff.upsert) all.set(e.id, e);
  return graphFromElements(all.values());
}

/** One row of the accessible "Connections" table: what connects to what. */
export interface Connection {
  id: string;
  endpointId: string;
  kind: TopologyEdgeKind;
  container: TopologyNode;
  /** The network, or the host port that forwards to the container. */
  other: TopologyNode;
  label?: string;
}

export function connections(g: TopologyGraph): Connection[] {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const rows: Connection[] = [];
  for (const e of g.edges) {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (!source || !target) continue;
    // Ports point at their container; every other edge starts at the thing the row is about.
    const [container, other] = e.kind === "port" ? [target, source] : [source, target];
    rows.push({ id: e.id, endpointId: e.endpointId, kind: e.kind, container, other, label: e.label });
  }
  return rows.sort(
    (a, b) =>
      a.container.label.localeCompare(b.container.label) ||
      a.kind.localeCompare(b.kind) ||
      a.other.label.localeCompare(b.other.label),
  );
}

/** Short accessible names shared by the graph and the tests. */
export function nodeAccessibleName(n: TopologyNode): string {
  const kind = {
    endpoint: "Endpoint",
    project: "Compose project",
    network: "Network",
    container: "Container",
    port: "Host port",
    swarmNode: "Swarm node",
    task: "Task",
    service: "Service",
  }[n.kind];
  return `${kind} ${n.label}`;
}

export function edgeAccessibleName(e: TopologyEdge, byId: ReadonlyMap<string, TopologyNode>): string {
  const s = byId.get(e.source)?.label ?? e.source;
  const t = byId.get(e.target)?.label ?? e.target;
  if (e.kind === "placement") return `${s} runs on ${t}`;
  if (e.kind === "member") return `${s} is a task of ${t}`;
  return e.kind === "network" ? `${s} on network ${t}` : `Host port ${s} to ${t} port ${e.label ?? ""}`.trim();
}
