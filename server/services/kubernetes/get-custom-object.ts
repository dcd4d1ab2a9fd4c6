import yaml from "js-yaml";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { CrdInfo, EventRow, KubeCondition } from "@/lib/kube-types";
import { customPath } from "@/server/endpoints/kubernetes/custom-resources";
import type { KubeList, KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { mapEvent } from "@/server/endpoints/kubernetes/map-cluster";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { kubeRead } from "./kube-op";
import { tidyForYaml } from "./object-yaml";

const s = (v: unknown) => (typeof v === "string" ? v : "");

export interface CustomObjectDetail {
  crd: CrdInfo;
  name: string;
  namespace?: string;
  uid: string;
  yaml: string;
  conditions: KubeCondition[];
  events: EventRow[];
}

/**
 * One custom object for its generic detail page: status.conditions when it has them (the common convention), its
 * events, its YAML. Read like the CRD's list: in its namespace, or cluster-wide for a cluster-scoped CRD.
 */
export async function getCustomObject(
  actor: Actor | null,
  input: { endpointId: string; crd: string; namespace?: string; name: string },
): Promise<CustomObjectDetail> {
  return kubeRead(actor, "kube:read", input.endpointId, input.namespace, async (k) => {
    const crd = await k.getCrd(input.crd);
    if (!crd) throw new NotFoundError("No such CustomResourceDefinition");
    // A namespace in the address of a cluster-scoped kind (or none for a namespaced one) names nothing.
    if (crd.namespaced !== (input.namespace !== undefined)) throw new NotFoundError("No such object");
    const o = await k.client.request<KubeObject>(
      "GET",
      `${customPath(crd, input.namespace)}/${encodeURIComponent(input.name)}`,
    );
    const uid = s(o.metadata?.uid);
    const evs = await k.client
      .request<KubeList>("GET", resourcePath(RESOURCE_DEFS.events, "v1", input.namespace), {
        query: { fieldSelector: `involvedObject.uid=${uid}`, limit: 100 },
      })
      .catch(() => ({ items: [] }) as KubeList);
    const conditions = (Array.isArray(o.status?.conditions) ? o.status.conditions : []).map(
      (c: Record<string, unknown>) => ({
        type: s(c?.type),
        status: s(c?.status),
        reason: s(c?.reason),
        message: s(c?.message),
        lastTransitionTime: s(c?.lastTransitionTime),
      }),
    );
    return {
      crd,
      name: input.name,
      ...(input.namespace ? { namespace: input.namespace } : {}),
      uid,
      yaml: yaml.dump({ ...tidyForYaml(o), status: o.status }, { noRefs: true, lineWidth: 160 }),
      conditions,
      events: (evs.items ?? []).map(mapEvent).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)),
    };
  });
}
