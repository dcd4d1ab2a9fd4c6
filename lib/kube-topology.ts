import type { IngressRow, PodRow, ServiceRow } from "./kube-types";

// How traffic reaches pods in a namespace, as kubectl users trace it: ingress -> service (its backends) ->
// pods (the service's selector matching their labels) -> the node each runs on. Pure: built in the browser from the
// live ingress, service and pod lists.

export interface TopologyPod {
  name: string;
  status: string;
  node: string;
}

export interface TopologyService {
  id: string;
  name: string;
  namespace: string;
  type: string;
  ports: string;
  pods: TopologyPod[];
}

export interface TopologyIngress {
  id: string;
  name: string;
  namespace: string;
  hosts: string;
  services: TopologyService[];
  /** Backends naming a service that does not exist (a typo, or not created yet). */
  missing: string[];
}

export interface KubeTopology {
  ingresses: TopologyIngress[];
  /** Services no ingress routes to (reached inside the cluster only). */
  internal: TopologyService[];
  /** Pods no service selects. */
  unexposed: TopologyPod[];
}

/** A Service's selector matches a pod when every key/value is among the pod's labels; an empty one matches none. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export function buildKubeTopology(
  ingresses: readonly IngressRow[],
  services: readonly ServiceRow[],
  pods: readonly PodRow[],
): KubeTopology {
  const pod = (p: PodRow): TopologyPod => ({ name: p.name, status: p.status, node: p.node });
  const exposed = new Set<string>();
  const svc = new Map<string, TopologyService>();
  for (const s of [...services].sort(byName)) {
    const matched = pods.filter((p) => p.namespace === s.namespace && selects(s.selector ?? {}, p.labels ?? {}));
    for (const p of matched) exposed.add(p.id);
    svc.set(`${s.namespace}/${s.name}`, {
      id: s.id,
      name: s.name,
      namespace: s.namespace ?? "",
      type: s.type,
      ports: s.ports,
      pods: matched.map(pod).sort(byName),
    });
  }
  const routed = new Set<string>();
  const ing = [...ingresses].sort(byName).map((i) => {
    const names = [...new Set(i.backends ?? [])].sort();
    const found = names.map((n) => svc.get(`${i.namespace}/${n}`)).filter((s): s is TopologyService => !!s);
    for (const s of found) routed.add(`${s.namespace}/${s.name}`);
    return {
      id: i.id,
      name: i.name,
      namespace: i.namespace ?? "",
      hosts: i.hosts,
      services: found,
      missing: names.filter((n) => !svc.has(`${i.namespace}/${n}`)),
    };
  });
  return {
    ingresses: ing,
    internal: [...svc.entries()].filter(([k]) => !routed.has(k)).map(([, s]) => s),
    unexposed: pods
      .filter((p) => !exposed.has(p.id))
      .map(pod)
      .sort(byName),
  };
}
