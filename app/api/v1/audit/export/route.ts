import { z } from "zod";
import { auditFilter } from "@/lib/audit-schemas";
import { defineRoute } from "@/server/entry/route";
import { exportAuditCsv } from "@/server/services/audit/export-audit";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit/export?actor=&action=&endpointId=&outcome=&from=&to= : the filtered log as CSV (admins). */
export const GET = defineRoute(
  {
    name: "api.audit.export",
    summary: "The filtered audit log as CSV, streamed (admins)",
    schema: z.object({ query: auditFilter }),
    permission: "audit:read",
  },
  async (actor, { query }) =>
    new Response(await exportAuditCsv(actor, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="berth-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    }),
);
