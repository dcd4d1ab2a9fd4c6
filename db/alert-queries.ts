import { and, desc, eq, isNull, lte } from "drizzle-orm";
import type { DbHandle } from "./client";

// Alert channels, rules, incidents and deliveries (the outbox and the delivery log in one table).

export type ChannelRow = DbHandle["t"]["alertChannels"]["$inferSelect"];
export type RuleRow = DbHandle["t"]["alertRules"]["$inferSelect"];
export type IncidentRow = DbHandle["t"]["alertIncidents"]["$inferSelect"];
export type DeliveryRow = DbHandle["t"]["alertDeliveries"]["$inferSelect"];

export async function listChannelRows({ db, t }: DbHandle): Promise<ChannelRow[]> {
  return db.select().from(t.alertChannels).orderBy(t.alertChannels.name);
}
export async function findChannelRow({ db, t }: DbHandle, id: string): Promise<ChannelRow | undefined> {
  return (await db.select().from(t.alertChannels).where(eq(t.alertChannels.id, id)).limit(1))[0];
}
// Channel and rule writes are statements of an atomic write (db/atomic.ts): they commit with their audit record.
export function upsertChannelStmt({ db, t }: DbHandle, row: ChannelRow) {
  const { id: _id, createdAt: _c, ...rest } = row;
  return db
    .insert(t.alertChannels)
    .values(row)
    .onConflictDoUpdate({ target: t.alertChannels.id, set: rest })
    .returning({ id: t.alertChannels.id });
}
export function deleteChannelStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.alertChannels).where(eq(t.alertChannels.id, id)).returning({ id: t.alertChannels.id });
}

export async function listRuleRows({ db, t }: DbHandle, endpointId?: string): Promise<RuleRow[]> {
  const q = db.select().from(t.alertRules);
  return (endpointId ? q.where(eq(t.alertRules.endpointId, endpointId)) : q).orderBy(t.alertRules.name);
}
export async function findRuleRow({ db, t }: DbHandle, id: string): Promise<RuleRow | undefined> {
  return (await db.select().from(t.alertRules).where(eq(t.alertRules.id, id)).limit(1))[0];
}
export function upsertRuleStmt({ db, t }: DbHandle, row: RuleRow) {
  const { id: _id, createdAt: _c, createdBy: _b, ...rest } = row;
  return db
    .insert(t.alertRules)
    .values(row)
    .onConflictDoUpdate({ target: t.alertRules.id, set: rest })
    .returning({ id: t.alertRules.id });
}
export function deleteRuleStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.alertRules).where(eq(t.alertRules.id, id)).returning({ id: t.alertRules.id });
}

export async function openIncident(
  { db, t }: DbHandle,
  ruleId: string,
  subject: string,
): Promise<IncidentRow | undefined> {
  const i = t.alertIncidents;
  return (
    await db
      .select()
      .from(i)
      .where(and(eq(i.ruleId, ruleId), eq(i.subject, subject), isNull(i.resolvedAt)))
      .limit(1)
  )[0];
}
export async function insertIncident({ db, t }: DbHandle, row: IncidentRow): Promise<void> {
  await db.insert(t.alertIncidents).values(row);
}
export async function updateIncident(
  { db, t }: DbHandle,
  id: string,
  patch: Partial<Pick<IncidentRow, "count" | "lastAt" | "resolveAt" | "resolvedAt" | "summary">>,
): Promise<void> {
  await db.update(t.alertIncidents).set(patch).where(eq(t.alertIncidents.id, id));
}
/** Open incidents whose quiet period ran out: "resolved" is due. */
export async function dueResolutions({ db, t }: DbHandle, now: number): Promise<IncidentRow[]> {
  const i = t.alertIncidents;
  return db
    .select()
    .from(i)
    .where(and(isNull(i.resolvedAt), lte(i.resolveAt, now)));
}
export async function listOpenIncidents({ db, t }: DbHandle): Promise<IncidentRow[]> {
  return db.select().from(t.alertIncidents).where(isNull(t.alertIncidents.resolvedAt));
}

export async function insertDeliveries({ db, t }: DbHandle, rows: DeliveryRow[]): Promise<void> {
  if (rows.length) await db.insert(t.alertDeliveries).values(rows);
}
export async function dueDeliveries({ db, t }: DbHandle, now: number, limit = 20): Promise<DeliveryRow[]> {
  const d = t.alertDeliveries;
  return db
    .select()
    .from(d)
    .where(and(eq(d.state, "pending"), lte(d.nextAttemptAt, now)))
    .orderBy(d.nextAttemptAt)
    .limit(limit);
}
export async function updateDelivery(
  { db, t }: DbHandle,
  id: string,
  patch: Partial<Pick<DeliveryRow, "state" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt">>,
): Promise<void> {
  await db.update(t.alertDeliveries).set(patch).where(eq(t.alertDeliveries.id, id));
}
/** Pending messages of an incident (held by quiet hours): dropped when it resolves before they went out. */
export async function pendingOfIncident({ db, t }: DbHandle, incidentId: string): Promise<DeliveryRow[]> {
  const d = t.alertDeliveries;
  return db
    .select()
    .from(d)
    .where(and(eq(d.incidentId, incidentId), eq(d.state, "pending")));
}
export async function listDeliveryRows({ db, t }: DbHandle, limit = 200): Promise<DeliveryRow[]> {
  return db.select().from(t.alertDeliveries).orderBy(desc(t.alertDeliveries.createdAt)).limit(limit);
}
export async function findDeliveryRow({ db, t }: DbHandle, id: string): Promise<DeliveryRow | undefined> {
  return (await db.select().from(t.alertDeliveries).where(eq(t.alertDeliveries.id, id)).limit(1))[0];
}
