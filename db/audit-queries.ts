import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { AuditFilter } from "@/lib/audit-schemas";
import type { DbHandle } from "./client";
import type { AuditRow } from "./queries";

/** Audit rows matching the filter, newest first; `beforeId` pages backwards through the log. */
export async function searchAudit(
  { db, t }: DbHandle,
  filter: AuditFilter,
  page: { beforeId?: number; limit: number },
): Promise<AuditRow[]> {
  const conds: SQL[] = [];
  if (filter.actor) conds.push(eq(t.auditLog.actorName, filter.actor));
  if (filter.action) conds.push(eq(t.auditLog.action, filter.action));
  if (filter.endpointId) conds.push(eq(t.auditLog.endpointId, filter.endpointId));
  if (filter.outcome) conds.push(eq(t.auditLog.outcome, filter.outcome));
  if (filter.from !== undefined) conds.push(gte(t.auditLog.at, filter.from));
  if (filter.to !== undefined) conds.push(lte(t.auditLog.at, filter.to));
  if (page.beforeId !== undefined) conds.push(lt(t.auditLog.id, page.beforeId));
  return db
    .select()
    .from(t.auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(t.auditLog.id))
    .limit(page.limit);
}

/** Deletes audit rows older than `before`; returns how many went. */
export async function pruneAudit(h: DbHandle, before: number): Promise<number> {
  return (await pruneAuditStmt(h, before)).length;
}

export function pruneAuditStmt({ db, t }: DbHandle, before: number) {
  return db.delete(t.auditLog).where(lt(t.auditLog.at, before)).returning({ id: t.auditLog.id });
}

export function setMetaStmt({ db, t }: DbHandle, key: string, value: string) {
  return db
    .insert(t.meta)
    .values({ key, value })
    .onConflictDoUpdate({ target: t.meta.key, set: { value } })
    .returning({ key: t.meta.key });
}
