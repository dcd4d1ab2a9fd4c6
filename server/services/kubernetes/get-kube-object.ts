import yaml from "js-yaml";
import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import type { kubeObjectRef, kubeSecretRef } from "@/lib/kube-schemas";
import type { KubeObjectDetail } from "@/lib/kube-types";
import type { KubeAccess } from "@/server/endpoints/kubernetes/kube-access";
import type { KubeList, KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { mapEvent } from "@/server/endpoints/kubernetes/map-cluster";
import { defOfKind, RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp, kubeRead } from "./kube-op";
import { objectChildren } from "./object-children";
import { hideSecretValues, tidyForYaml } from "./object-yaml";

const s = (v: unknown) => (typeof v === "string" ? v : "");

/** What "Edit YAML" starts from: the object as stored, with its resourceVersion, without managedFields and status. */
function editable(o: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(o);
  if (rest.metadata) delete rest.metadata.managedFields;
  return rest;
}

/** Container names of a pod spec (a pod's, or a workload's template), for the logs' container picker. */
function containerNames(spec: KubeObject["spec"]): Pick<KubeObjectDetail, "containers" | "initContainers"> {
  if (!spec || !Array.isArray(spec.containers)) return {};
  const names = (list: unknown) => (Array.isArray(list) ? list.map((c) => s(c?.name)).filter(Boolean) : []);
  return { containers: names(spec.containers), initContainers: names(spec.initContainers) };
}

async function ownerChain(k: KubeAccess, o: KubeObject): Promise<KubeObjectDetail["owners"]> {
  const chain: KubeObjectDetail["owners"] = [];
  let cur: KubeObject | null = o;
  for (let depth = 0; cur && depth < 5; depth++) {
    const ref = (cur.metadata?.ownerReferences ?? []).find((r) => r?.controller) ?? cur.metadata?.ownerReferences?.[0];
    if (!ref?.kind || !ref.name) break;
    const def = defOfKind(ref.kind);
    chain.push({ kind: ref.kind, name: ref.name, resource: def?.resource });
    if (!def) break;
    const path = resourcePath(def, k.versionOf(def.resource) ?? def.versions[0]!, cur.metadata?.namespace, ref.name);
    cur = await k.client.request<KubeObject>("GET", path).catch(() => null);
  }
  return chain;
}

/** One object for its detail page: YAML (Secret values hidden), conditions, its events, its owner chain. */
export async function getKubeObject(
  actor: Actor | null,
  input: z.infer<typeof kubeObjectRef>,
): Promise<KubeObjectDetail> {
  const def = RESOURCE_DEFS[input.resource];
  const ns = def.namespaced ? input.namespace : undefined;
  return kubeRead(actor, "kube:read", input.endpointId, ns, async (k) => {
    const path = resourcePath(def, k.versionOf(input.resource) ?? def.versions[0]!, ns, input.name);
    const o = await k.client.request<KubeObject>("GET", path);
    o.kind ??= def.kind;
    const uid = s(o.metadata?.uid);
    const evPath = resourcePath(RESOURCE_DEFS.events, "v1", ns);
    const evs = await k.client
      .request<KubeList>("GET", evPath, { query: { fieldSelector: `involvedObject.uid=${uid}`, limit: 100 } })
      .catch(() => ({ items: [] }) as KubeList);
    const conditions = (Array.isArray(o.status?.conditions) ? o.status.conditions : []).map(
      (c: Record<string, unknown>) => ({
        type: s(c?.type),
        status: s(c?.status),
        reason: s(c?.reason),
        message: s(c?.message),
        lastTransitionTime: s(c?.lastTransitionTime) || s(c?.lastHeartbeatTime),
      }),
    );
    const shown = hideSecretValues({ ...tidyForYaml(o), status: o.status });
    return {
      kind: def.kind,
      name: input.name,
      namespace: ns,
      uid,
      yaml: yaml.dump(shown, { noRefs: true, lineWidth: 160 }),
      ...(def.resource === "secrets" ? {} : { editYaml: yaml.dump(editable(o), { noRefs: true, lineWidth: 160 }) }),
      conditions,
      events: (evs.items ?? []).map(mapEvent).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)),
      owners: await ownerChain(k, o),
      // A child list that fails (a namespace grant may allow the object but RBAC not its pods) leaves the page whole.
      children: await objectChildren(k, def.resource, o).catch(() => []),
      ...(typeof o.spec?.replicas === "number" ? { replicas: o.spec.replicas } : {}),
      ...(def.resource === "nodes" ? { unschedulable: o.spec?.unschedulable === true } : {}),
      ...containerNames(def.resource === "pods" ? o.spec : o.spec?.template?.spec),
      ...(def.resource === "pods" ? { phase: s(o.status?.phase) } : {}),
      ...(def.resource === "deployments" ? { paused: o.spec?.paused === true } : {}),
    };
  });
}

/** A Secret's values, decoded: admins only, and audited. */
export async function revealSecret(
  actor: Actor | null,
  input: z.infer<typeof kubeSecretRef>,
  ctx?: KubeOpContext,
): Promise<Record<string, string>> {
  const spec = {
    action: "k8s.secret.reveal",
    permission: "kube:reveal-secret" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `secrets/${input.name}`,
  };
  return kubeOp(
    actor,
    spec,
    async (k) => {
      const o = await k.client.request<KubeObject>(
        "GET",
        resourcePath(RESOURCE_DEFS.secrets, "v1", input.namespace, input.name),
      );
      const data = (o.data ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(data).map(([key, v]) => [
          key,
          Buffer.from(typeof v === "string" ? v : "", "base64").toString("utf8"),
        ]),
      );
    },
    ctx,
  );
}
