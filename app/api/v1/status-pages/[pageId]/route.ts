import { z } from "zod";
import { entityId } from "@/lib/access-schemas";
import { NotFoundError } from "@/lib/errors";
import { saveStatusPageInput } from "@/lib/status-page-schemas";
import { defineRoute } from "@/server/entry/route";
import { deleteStatusPage } from "@/server/services/status-pages/delete-status-page";
import { getStatusPage } from "@/server/services/status-pages/list-status-pages";
import { updateStatusPage } from "@/server/services/status-pages/save-status-page";

export const dynamic = "force-dynamic";

const params = z.object({ pageId: entityId });

export const GET = defineRoute(
  {
    name: "api.statusPages.get",
    summary: "One status page (admins)",
    schema: z.object({ params }),
    permission: "statuspage:manage",
  },
  async (actor, { params }) => {
    const page = await getStatusPage(actor, params.pageId);
    if (!page) throw new NotFoundError("Status page not found");
    return page;
  },
);

/** Replaces the page: slug, title and the full ordered list of items. */
export const PUT = defineRoute(
  {
    name: "api.statusPages.update",
    summary: "Replace a status page's slug, title and items (admins)",
    schema: z.object({ params, body: saveStatusPageInput }),
    permission: "statuspage:manage",
  },
  (actor, { params, body }) => updateStatusPage(actor, params.pageId, body, { source: "api" }),
);

export const DELETE = defineRoute(
  {
    name: "api.statusPages.delete",
    summary: "Delete a status page (admins)",
    schema: z.object({ params }),
    permission: "statuspage:manage",
  },
  (actor, { params }) => deleteStatusPage(actor, params.pageId, { source: "api" }),
);
