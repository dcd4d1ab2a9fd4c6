import { insertAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  endpointId?: string;
  target?: string;
  outcome: "success" | "failure" | "denied";
  detail?: string;
  source?: string;
}

/** Writes one audit row; an audit failure is logged loudly but never masks the outcome it records. */
export async function recordAudit(e: AuditEntry): Promise<void> {
  const { db, log } = runtime();
  try {
    await insertAudit(db, {
      at: Date.now(),
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.username ?? "(anonymous)",
      action: e.action,
      endpointId: e.endpointId ?? null,
      target: e.target ?? null,
      outcome: e.outcome,
      detail: e.detail?.slice(0, 1000) ?? null,
      source: e.source ?? null,
    });
  } catch (err) {
    log.error({ err, action: e.action }, "audit write failed");
  }
}
