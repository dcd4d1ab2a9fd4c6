import { z } from "zod";
import { saveStatusPageInput } from "@/lib/status-page-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { listStatusPages } from "@/server/services/status-pages/list-status-pages";
import { createStatusPage } from "@/server/services/status-pages/save-status-page";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    name: "api.statusPages.list",
    summary: "All status pages with their items (admins)",
    schema: noInput,
    permission: "statuspage:manage",
  },
  (actor) => listStatusPages(actor),
);

export const POST = defineRoute(
  {
    name: "api.statusPages.create",
    summary: "Create a status page (admins)",
    schema: z.object({ body: saveStatusPageInput }),
    permission: "statuspage:manage",
  },
  async (actor, { body }) => Response.json(await createStatusPage(actor, body, { source: "api" }), { status: 201 }),
);
