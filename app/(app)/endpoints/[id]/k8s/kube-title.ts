import type { Metadata } from "next";
import { KUBE_TITLES } from "@/components/kubernetes/kube-columns";
import { KUBE_RESOURCES, type KubeResource } from "@/lib/kube-types";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

/** "Pods · cluster", or with the object's name first: "web-1 · Pods · cluster" (the root layout adds " · Berth"). */
export function kubeTitle(detailParam?: "name") {
  return async ({ params }: { params: Promise<Record<string, string>> }): Promise<Metadata> => {
    const p = await params;
    const actor = await requestActor();
    const endpoint = actor && p.id ? getEndpoint(actor, decodeURIComponent(p.id)) : undefined;
    const resource = p.resource as KubeResource;
    if (!endpoint || !(KUBE_RESOURCES as readonly string[]).includes(resource)) return { title: "Not found" };
    const detail = detailParam && p[detailParam] ? `${decodeURIComponent(p[detailParam])} · ` : "";
    return { title: `${detail}${KUBE_TITLES[resource]} · ${endpoint.name}` };
  };
}
