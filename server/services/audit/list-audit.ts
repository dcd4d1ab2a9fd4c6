import { listAudit as queryAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

export async function listAudit(actor: Actor | null, filter: { endpointId?: string; action?: string; limit?: number }) {
  authorize(actor, "audit:read");
  return queryAudit(runtime().db, filter);
}
