import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { CrdInfo } from "@/lib/kube-types";
import { kubeRead } from "./kube-op";

/** The cluster's CustomResourceDefinitions with their printer columns (cluster-wide readers). */
export async function listCustomResourceDefinitions(actor: Actor | null, endpointId: string): Promise<CrdInfo[]> {
  return kubeRead(actor, "kube:read", endpointId, undefined, (k) => k.listCrds());
}

/**
 * One CRD, to list its objects in a namespace: readable by whoever may read that namespace (the definition is
 * a schema, not data), or cluster-wide for all namespaces and cluster-scoped CRDs.
 */
export async function getCustomResourceDefinition(
  actor: Actor | null,
  endpointId: string,
  name: string,
  namespace: string | undefined,
): Promise<CrdInfo> {
  return kubeRead(actor, "kube:read", endpointId, namespace, async (k) => {
    const crd = await k.getCrd(name);
    if (!crd) throw new NotFoundError("No such CustomResourceDefinition");
    return crd;
  });
}
