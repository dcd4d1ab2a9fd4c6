import { searchAudit as query } from "@/db/audit-queries";
import type { AuditRow } from "@/db/queries";
import type { AuditFilter } from "@/lib/audit-schemas";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/** The audit log filtered by actor, action, endpoint, outcome and time range (admins). */
export async function searchAudit(actor: Actor | null, filter: AuditFilter): Promise<AuditRow[]> {
  authorize(actor, "audit:read");
  return query(runtime().db, filter, { limit: filter.limit ?? 200 });
}
