import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";

// Private registries. The `secret` column holds a sealed password or token; it is opened only to authenticate a pull
// or a login test, never returned by a service.

export type RegistryRow = DbHandle["t"]["registries"]["$inferSelect"];

export async function listRegistryRows({ db, t }: DbHandle): Promise<RegistryRow[]> {
  return db.select().from(t.registries).orderBy(t.registries.name);
}

export async function findRegistryRow({ db, t }: DbHandle, id: string): Promise<RegistryRow | undefined> {
  const rows = await db.select().from(t.registries).where(eq(t.registries.id, id)).limit(1);
  return rows[0];
}

export async function insertRegistryRow(h: DbHandle, row: DbHandle["t"]["registries"]["$inferInsert"]): Promise<void> {
  await insertRegistryRowStmt(h, row);
}

// Statements of an atomic write (db/atomic.ts): the change and its audit record commit together.

export function insertRegistryRowStmt(h: DbHandle, row: DbHandle["t"]["registries"]["$inferInsert"]) {
  return h.db.insert(h.t.registries).values(row).returning({ id: h.t.registries.id });
}

export function updateRegistryRowStmt(
  h: DbHandle,
  id: string,
  row: Partial<Pick<RegistryRow, "name" | "url" | "username" | "secret">>,
) {
  return h.db.update(h.t.registries).set(row).where(eq(h.t.registries.id, id)).returning({ id: h.t.registries.id });
}

export function deleteRegistryRowStmt(h: DbHandle, id: string) {
  return h.db.delete(h.t.registries).where(eq(h.t.registries.id, id)).returning({ id: h.t.registries.id });
}
