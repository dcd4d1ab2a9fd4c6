import type { KubeChild, KubeResource } from "@/lib/kube-types";
import type { KubeAccess } from "@/server/endpoints/kubernetes/kube-access";
import { type KubeList, type KubeObject, selectorString } from "@/server/endpoints/kubernetes/kube-object";
import { podStatus } from "@/server/endpoints/kubernetes/map-pods";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";

// What an object's detail page lists below it: the objects it controls (found by ownerReferences, narrowed by its
// label selector so the API server does the filtering), or for a Service the pods its selector picks.

const LIMIT = 500;
const n = (v: unknown) => (typeof v === "number" ? v : 0);

/** Objects of one resource in the namespace, optionally by label selector. */
async function list(k: KubeAccess, r: KubeResource, ns: string, selector?: string): Promise<KubeObject[]> {
  const def = RESOURCE_DEFS[r];
  const res = await k.client.request<KubeList>("GET", resourcePath(def, k.versionOf(r) ?? def.versions[0]!, ns), {
    query: { limit: LIMIT, ...(selector ? { labelSelector: selector } : {}) },
  });
  return res.items ?? [];
}

const ownedBy = (o: KubeObject, uids: Set<string>) =>
  (o.metadata?.ownerReferences ?? []).some((r) => r?.controller && uids.has(String(r.uid)));

function child(r: KubeResource, o: KubeObject): KubeChild {
  const st = o.status ?? {};
  let status = "";
  if (r === "pods") {
    const p = podStatus(o);
    const total = Array.isArray(o.spec?.containers) ? o.spec.containers.length : 0;
    status = `${p.status}, ${p.readyCount}/${total} ready`;
  } else if (r === "replicasets") status = `${n(st.readyReplicas)}/${n(o.spec?.replicas)} ready`;
  else if (r === "jobs") status = `${n(st.succeeded)}/${n(o.spec?.completions) || 1} succeeded`;
  return {
    resource: r,
    kind: RESOURCE_DEFS[r].kind,
    name: String(o.metadata?.name ?? ""),
    namespace: String(o.metadata?.namespace ?? ""),
    status,
  };
}

const byName = (a: KubeChild, b: KubeChild) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);

/** The children of one object, nearest first (a Deployment: its ReplicaSets, then their Pods). */
export async function objectChildren(k: KubeAccess, r: KubeResource, o: KubeObject): Promise<KubeChild[]> {
  const ns = o.metadata?.namespace;
  const uid = String(o.metadata?.uid ?? "");
  if (!ns || !uid) return [];
  const sel = selectorString(o.spec?.selector);
  switch (r) {
    case "deployments": {
      const sets = (await list(k, "replicasets", ns, sel)).filter((x) => ownedBy(x, new Set([uid])));
      const setUids = new Set(sets.map((x) => String(x.metadata?.uid)));
      const pods = (await list(k, "pods", ns, sel)).filter((x) => ownedBy(x, setUids));
      return [
        ...sets.map((x) => child("replicasets", x)).sort(byName),
        ...pods.map((x) => child("pods", x)).sort(byName),
      ];
    }
    case "replicasets":
    case "statefulsets":
    case "daemonsets":
    case "jobs":
      return (await list(k, "pods", ns, sel))
        .filter((x) => ownedBy(x, new Set([uid])))
        .map((x) => child("pods", x))
        .sort(byName);
    case "cronjobs":
      // A CronJob has no selector: its Jobs are found by owner alone.
      return (await list(k, "jobs", ns))
        .filter((x) => ownedBy(x, new Set([uid])))
        .map((x) => child("jobs", x))
        .sort(byName);
    case "services":
      // No selector selects nothing (endpoints are managed by hand), not every pod.
      if (!sel) return [];
      return (await list(k, "pods", ns, sel)).map((x) => child("pods", x)).sort(byName);
    default:
      return [];
  }
}
