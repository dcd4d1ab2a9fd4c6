import { insertAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { redactCommandLine } from "@/lib/redaction";
import { storageFailure } from "@/lib/storage-errors";
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

type AuditRow = Parameters<typeof insertAudit>[1];

/**
 * Records the database could not take (it was restarting): kept in order and written once it answers again, so a
 * change made just before the database went away does not lose its audit record. Bounded; a process that dies
 * meanwhile loses what is held (the server log names each one).
 */
const held: AuditRow[] = [];
const HOLD_MAX = 5_000;
const RETRY_MS = 2_000;
let retryTimer: NodeJS.Timeout | null = null;

/** The row an audit entry is stored as (also written inside a use case's own transaction: use-case.ts). */
export function auditRow(e: AuditEntry): AuditRow {
  return {
    at: Date.now(),
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.username ?? "(anonymous)",
    action: e.action,
    endpointId: e.endpointId ?? null,
    target: e.target ?? null,
    outcome: e.outcome,
    // Command lines (exec) can carry credentials: stored with secret-looking flags and assignments redacted.
    detail: e.detail ? redactCommandLine(e.detail).slice(0, 1000) : null,
    source: e.source ?? null,
  };
}

/** Writes one audit row; an audit failure is logged loudly but never masks the outcome it records. */
export async function recordAudit(e: AuditEntry): Promise<void> {
  const { db, log } = runtime();
  const row = auditRow(e);
  try {
    await insertAudit(db, row);
  } catch (err) {
    if (storageFailure(err) && held.length < HOLD_MAX) {
      held.push(row);
      log.warn(
        { action: e.action, target: e.target, held: held.length },
        "audit write held until the database answers",
      );
      scheduleRetry();
    } else log.error({ err, action: e.action }, "audit write failed");
  }
}

/** How many audit records wait for the database (tests and the soak bench read it). */
export function heldAuditRecords(): number {
  return held.length;
}

function scheduleRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void flushHeld();
  }, RETRY_MS);
  retryTimer.unref();
}

async function flushHeld(): Promise<void> {
  const { db, log } = runtime();
  while (held.length) {
    try {
      await insertAudit(db, held[0]!);
      held.shift();
    } catch (err) {
      if (!storageFailure(err)) {
        log.error({ err, action: held[0]?.action }, "held audit record dropped");
        held.shift();
        continue;
      }
      return scheduleRetry();
    }
  }
  log.info("held audit records written");
}
