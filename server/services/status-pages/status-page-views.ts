import type { StatusPageWithItems } from "@/db/status-page-queries";
import type { StatusPageAdminView } from "@/lib/status-view";
import type { Runtime } from "@/server/runtime";

export type { StatusPageAdminView };

export function toAdminView(rt: Runtime, page: StatusPageWithItems): StatusPageAdminView {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    createdAt: page.createdAt,
    items: page.items.map((i) => ({
      endpointId: i.endpointId,
      endpointName: rt.endpoints.row(i.endpointId)?.name ?? i.endpointId,
      kind: i.kind,
      ref: i.ref,
      displayName: i.displayName,
    })),
  };
}
