import type { TopologyGraph, TopologyNode } from "./topology";

// Narrowing a topology to what someone is looking at: one endpoint, one compose project, one network. Pure, so the
// graph and the Connections table show the same subset and unit tests pin the rules.

export interface TopologyFilter {
  endpoint?: string;
  /** Compose project name (the label, on any endpoint the graph shows). */
  project?: string;
  /** Network name. */
  network?: string;
}

export interface FilterChoices {
  endpoints: { id: string; name: string }[];
  projects: string[];
  networks: string[];
}

const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

export function filterChoices(g: TopologyGraph, endpointNames?: ReadonlyMap<string, string>): FilterChoices {
  return {
    endpoints: uniqSorted(g.nodes.map((n) => n.endpointId)).map((id) => ({ id, name: endpointNames?.get(id) ?? id })),
    projects: uniqSorted(g.nodes.filter((n) => n.kind === "project").map((n) => n.label)),
    networks: uniqSorted(g.nodes.filter((n) => n.kind === "network").map((n) => n.label)),
  };
}

export function isFiltered(f: TopologyFilter): boolean {
  return !!(f.endpoint || f.project || f.network);
}

/**
 * The part of the graph a filter selects. Containers are what the filters pick (by endpoint, by compose project, by
 * being on the network); the networks and host ports they connect to come along (only the chosen one with a network
 * filter), and so do the boxes (endpoint, project) around whatever stays.
 */
export function filterTopology(g: TopologyGraph, f: TopologyFilter): TopologyGraph {
  if (!isFiltered(f)) return g;
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const onEndpoint = (n: TopologyNode) => !f.endpoint || n.endpointId === f.endpoint;
  const chosenNetwork = (n: TopologyNode | undefined) => !!n && n.kind === "network" && n.label === f.network;
  const inProject = (n: TopologyNode) => {
    if (!f.project) return true;
    const parent = n.parent ? byId.get(n.parent) : undefined;
    return parent?.kind === "project" && parent.label === f.project;
  };
  const onNetwork = new Set<string>();
  if (f.network) {
    for (const e of g.edges) if (e.kind === "network" && chosenNetwork(byId.get(e.target))) onNetwork.add(e.source);
  }
  const keep = new Set<string>();
  for (const n of g.nodes) {
    if (n.kind !== "container" || !onEndpoint(n) || !inProject(n)) continue;
    if (f.network && !onNetwork.has(n.id)) continue;
    keep.add(n.id);
  }
  // Networks and ports of the kept containers (a network filter keeps only its own network).
  for (const e of g.edges) {
    const container = e.kind === "network" ? e.source : e.target;
    const other = e.kind === "network" ? e.target : e.source;
    if (!keep.has(container)) continue;
    if (e.kind === "network" && f.network && !chosenNetwork(byId.get(other))) continue;
    keep.add(other);
  }
  // A network filter with no container on it still shows the network itself.
  if (f.network) for (const n of g.nodes) if (chosenNetwork(n) && onEndpoint(n) && !f.project) keep.add(n.id);
  // The boxes around what stays.
  for (const id of [...keep]) {
    let parent = byId.get(id)?.parent;
    while (parent && !keep.has(parent)) {
      keep.add(parent);
      parent = byId.get(parent)?.parent;
    }
  }
  return {
    nodes: g.nodes.filter((n) => keep.has(n.id)),
    edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

/** Nodes whose label contains the text (case-insensitive), containers first: what "Find" centres on. */
export function findNodes(g: TopologyGraph, text: string): TopologyNode[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const rank: Partial<Record<TopologyNode["kind"], number>> = {
    container: 0,
    network: 1,
    port: 2,
    project: 3,
    endpoint: 4,
  };
  return g.nodes
    .filter((n) => n.label.toLowerCase().includes(q))
    .sort(
      (a, b) =>
        Number(b.label.toLowerCase() === q) - Number(a.label.toLowerCase() === q) ||
        (rank[a.kind] ?? 5) - (rank[b.kind] ?? 5) ||
        a.label.localeCompare(b.label),
    );
}
