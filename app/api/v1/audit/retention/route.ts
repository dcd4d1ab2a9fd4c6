import { z } from "zod";
import { auditRetentionInput } from "@/lib/audit-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { getAuditRetention, setAuditRetention } from "@/server/services/audit/audit-retention";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    name: "api.audit.retention.get",
    summary: "Days audit records are kept (0 = forever)",
    schema: noInput,
    permission: "audit:read",
  },
  async (actor) => ({ days: await getAuditRetention(actor) }),
);

/** PUT /api/v1/audit/retention {days}: 0 keeps records forever; older ones are pruned at once and hourly. */
export const PUT = defineRoute(
  {
    name: "api.audit.retention.set",
    summary: "Set the retention in days (admins); older records are pruned at once and hourly",
    schema: z.object({ body: auditRetentionInput }),
    permission: "settings:manage",
  },
  async (actor, { body }) => ({ days: body.days, pruned: await setAuditRetention(actor, body, { source: "api" }) }),
);
