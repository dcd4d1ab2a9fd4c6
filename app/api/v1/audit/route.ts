import { z } from "zod";
import { auditFilter } from "@/lib/audit-schemas";
import { defineRoute } from "@/server/entry/route";
import { searchAudit } from "@/server/services/audit/search-audit";

export const dynamic = "force-dynamic";

/** GET /api/v1/audit?actor=&action=&endpointId=&outcome=&from=&to=&limit= (admins), newest first. */
export const GET = defineRoute(
  {
    name: "api.audit.list",
    summary: "Audit log, newest first, filtered (admins); from/to are ISO times (UTC)",
    schema: z.object({ query: auditFilter }),
    permission: "audit:read",
  },
  (actor, { query }) => searchAudit(actor, query),
);
