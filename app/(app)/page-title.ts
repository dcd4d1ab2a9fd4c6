import type { Metadata } from "next";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

type Params = Record<string, string>;

/** Engine ids in titles are cut to the 12 characters the CLI shows; names are kept. */
function short(value: string): string {
  const v = decodeURIComponent(value).replace(/^sha256:/, "");
  return /^[0-9a-f]{32,}$/.test(v) ? v.slice(0, 12) : v;
}

/**
 * generateMetadata for a page under /endpoints/[id]/: "Containers · local" (the root layout adds " · Berth"); with
 * `detailParam`, the item first: "web · Containers · local". A hidden or unknown endpoint reads "Not found".
 */
export function endpointTitle(section: string, detailParam?: string) {
  return async ({ params }: { params: Promise<Params> }): Promise<Metadata> => {
    const p = await params;
    const actor = await requestActor();
    const endpoint = actor && p.id ? getEndpoint(actor, decodeURIComponent(p.id)) : undefined;
    if (!endpoint) return { title: "Not found" };
    const detail = detailParam && p[detailParam] ? `${short(p[detailParam])} · ` : "";
    return { title: `${detail}${section} · ${endpoint.name}` };
  };
}
