import { and, desc, eq, sql } from "drizzle-orm";
import type { DbHandle } from "./client";

// Reads and writes of Berth's own records. Authorization happens above, in services.

export type UserRow = DbHandle["t"]["users"]["$inferSelect"];
export type EndpointRow = DbHandle["t"]["endpoints"]["$inferSelect"];
export type AuditRow = DbHandle["t"]["auditLog"]["$inferSelect"];
export type NewAudit = DbHandle["t"]["auditLog"]["$inferInsert"];

export async function findUserByName({ db, t }: DbHandle, username: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(t.users).where(eq(t.users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById({ db, t }: DbHandle, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(t.users).where(eq(t.users.id, id)).limit(1);
  return rows[0];
}

export async function countAdmins({ db, t }: DbHandle): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(t.users).where(eq(t.users.isAdmin, true));
  return Number(rows[0]?.n ?? 0);
}

export async function insertUser(h: DbHandle, row: DbHandle["t"]["users"]["$inferInsert"]): Promise<void> {
  await insertUserStmt(h, row);
}

export function insertUserStmt(h: DbHandle, row: DbHandle["t"]["users"]["$inferInsert"]) {
  return h.db.insert(h.t.users).values(row).returning({ id: h.t.users.id });
}

/** Grants of every team the user belongs to; the strongest role wins per endpoint. */
export async function grantsForUser(
  { db, t }: DbHandle,
  userId: string,
): Promise<{ endpointId: string; role: string; namespaces: string | null }[]> {
  return db
    .select({ endpointId: t.grants.endpointId, role: t.grants.role, namespaces: t.grants.namespaces })
    .from(t.grants)
    .innerJoin(t.teamMembers, eq(t.teamMembers.teamId, t.grants.teamId))
    .where(eq(t.teamMembers.userId, userId));
}

/** Claims a one-time key; true only for the first caller ever, in either dialect. */
export async function claimOnce({ db, t }: DbHandle, key: string, value: string): Promise<boolean> {
  const rows = await db.insert(t.meta).values({ key, value }).onConflictDoNothing().returning({ key: t.meta.key });
  return rows.length === 1;
}

export async function getMeta({ db, t }: DbHandle, key: string): Promise<string | undefined> {
  const rows = await db.select().from(t.meta).where(eq(t.meta.key, key)).limit(1);
  return rows[0]?.value;
}

export async function listEndpoints({ db, t }: DbHandle): Promise<EndpointRow[]> {
  return db.select().from(t.endpoints).orderBy(t.endpoints.name);
}

export async function insertEndpoint(h: DbHandle, row: DbHandle["t"]["endpoints"]["$inferInsert"]): Promise<void> {
  await insertEndpointStmt(h, row);
}

export function insertEndpointStmt(h: DbHandle, row: DbHandle["t"]["endpoints"]["$inferInsert"]) {
  return h.db.insert(h.t.endpoints).values(row).returning({ id: h.t.endpoints.id });
}

export async function insertAudit(h: DbHandle, row: NewAudit): Promise<void> {
  await h.db.insert(h.t.auditLog).values(row);
}

/** An audit row as a statement of an atomic write: the change and its record commit together or not at all. */
export function insertAuditStmt(h: DbHandle, row: NewAudit) {
  return h.db.insert(h.t.auditLog).values(row).returning({ id: h.t.auditLog.id });
}

export async function listAudit(
  { db, t }: DbHandle,
  filter: { endpointId?: string; action?: string; limit?: number } = {},
): Promise<AuditRow[]> {
  const conds = [];
  if (filter.endpointId) conds.push(eq(t.auditLog.endpointId, filter.endpointId));
  if (filter.action) conds.push(eq(t.auditLog.action, filter.action));
  return db
    .select()
    .from(t.auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(t.auditLog.id))
    .limit(Math.min(filter.limit ?? 100, 1000));
}
