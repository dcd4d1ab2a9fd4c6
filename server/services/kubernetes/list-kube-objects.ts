import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import type { kubeListInput } from "@/lib/kube-schemas";
import type { KubeRow } from "@/lib/kube-types";
import type { KubeList } from "@/server/endpoints/kubernetes/kube-object";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { kubeRead } from "./kube-op";

/**
 * One page of a resource's objects as list rows (the columns kubectl prints), for the HTTP API: in one namespace, or
 * across all of them (a cluster-wide reader only). `continue` pages on, as the API server's own list does.
 */
export async function listKubeObjects(
  actor: Actor | null,
  input: z.infer<typeof kubeListInput>,
): Promise<{ items: KubeRow[]; continue?: string }> {
  const def = RESOURCE_DEFS[input.resource];
  const ns = def.namespaced ? input.namespace : undefined;
  return kubeRead(actor, "kube:read", input.endpointId, ns, async (k) => {
    const path = resourcePath(def, k.versionOf(input.resource) ?? def.versions[0]!, ns);
    const list = await k.client.request<KubeList>("GET", path, {
      query: { limit: input.limit, continue: input.continue, labelSelector: input.labelSelector },
    });
    const items = (list.items ?? []).map((o) => def.map(o) as KubeRow);
    const next = list.metadata?.continue;
    return next ? { items, continue: next } : { items };
  });
}
