import { z } from "zod";
import { defineRoute } from "@/server/entry/route";
import { listAudit } from "@/server/services/audit/list-audit";

export const dynamic = "force-dynamic";

const schema = z.object({
  query: z.object({
    endpointId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  }),
});

export const GET = defineRoute({ name: "api.audit.list", schema, permission: "audit:read" }, (actor, { query }) =>
  listAudit(actor, query),
);
