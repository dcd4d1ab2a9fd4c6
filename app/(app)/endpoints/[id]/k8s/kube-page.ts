import { notFound, redirect } from "next/navigation";
import type { Actor, EndpointView } from "@/lib/domain";
import { allowedNamespaces } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

export interface KubePage {
  actor: Actor;
  endpoint: EndpointView;
  /** The namespace filter (?ns=); "" for all namespaces. */
  ns: string;
  /** The namespaces the actor may read, when a grant limits it to some; null when it may read them all. */
  choices: string[] | null;
}

/**
 * What every Kubernetes page checks first: the endpoint is a cluster the actor may see. An actor whose grants name
 * namespaces lands on its first namespace instead of "all" (which it may not list), and any other one is 404.
 */
export async function kubePage(
  endpointId: string,
  ns: string,
  path: string,
  opts: { clusterScoped?: boolean } = {},
): Promise<KubePage> {
  const actor = await requestActor();
  const endpoint = actor ? getEndpoint(actor, endpointId) : undefined;
  if (!actor || !endpoint || endpoint.kind !== "kubernetes") notFound();
  const choices = allowedNamespaces(actor, endpointId, "kube:read");
  // Cluster-scoped objects (nodes, namespaces, PVs) are read cluster-wide, never through a namespace grant.
  if (opts.clusterScoped) {
    if (choices) notFound();
    return { actor, endpoint, ns: "", choices };
  }
  if (choices) {
    if (!choices.length) notFound();
    if (!ns) redirect(`${path}?ns=${encodeURIComponent(choices[0]!)}`);
    if (!choices.includes(ns)) notFound();
  }
  return { actor, endpoint, ns, choices };
}

export const kubeBase = (endpointId: string) => `/endpoints/${encodeURIComponent(endpointId)}/k8s`;
