import { rows } from "@/db/atomic";
import { pruneAudit, pruneAuditStmt, setMetaStmt } from "@/db/audit-queries";
import { getMeta } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { type UseCaseContext, useCase } from "../use-case";

const KEY = "audit_retention_days";
const DAY_MS = 86_400_000;
/** Kept for a year unless an admin says otherwise. */
export const DEFAULT_RETENTION_DAYS = 365;

export async function retentionDays(): Promise<number> {
  const v = Number((await getMeta(runtime().db, KEY)) ?? DEFAULT_RETENTION_DAYS);
  return Number.isInteger(v) && v >= 0 ? v : DEFAULT_RETENTION_DAYS;
}

export async function getAuditRetention(actor: Actor | null): Promise<number> {
  authorize(actor, "audit:read");
  return retentionDays();
}

/** Sets how many days audit records are kept (0 = forever) and prunes at once. */
export async function setAuditRetention(actor: Actor | null, input: { days: number }, ctx?: UseCaseContext) {
  const spec = {
    audit: "audit.set_retention",
    permission: "settings:manage" as const,
    target: `${input.days} days`,
  };
  return useCase(
    actor,
    spec,
    (_actor, note) =>
      // The new retention, what it prunes at once and the record of it: one transaction.
      note.commit(function* (tx) {
        yield setMetaStmt(tx, KEY, String(input.days));
        const pruned = input.days === 0 ? 0 : rows(yield pruneAuditStmt(tx, Date.now() - input.days * DAY_MS)).length;
        note.detail = `pruned ${pruned}`;
        return pruned;
      }),
    ctx,
  );
}

/** Deletes what is older than the retention allows; 0 days keeps everything. */
export async function pruneOldAudit(now = Date.now()): Promise<number> {
  const days = await retentionDays();
  if (days === 0) return 0;
  return pruneAudit(runtime().db, now - days * DAY_MS);
}

const PRUNE_EVERY_MS = 60 * 60_000;

/** Prunes hourly for the life of the process; a failure is logged and retried next round. */
export function startAuditPruner(): () => void {
  const run = () =>
    void pruneOldAudit()
      .then((n) => n > 0 && runtime().log.info({ pruned: n }, "old audit records pruned"))
      .catch((err) => runtime().log.warn({ err }, "audit pruning failed"));
  run();
  const timer = setInterval(run, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
