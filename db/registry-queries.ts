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
  await h.db.insert(h.t.registries).values(row);
}

export async function updateRegistryRow(
  h: DbHandle,
  id: string,
  row: Partial<Pick<RegistryRow, "name" | "url" | "username" | "secret">>,
): Promise<void> {
  await h.db.update(h.t.registries).set(row).where(eq(h.t.registries.id, id));
}

export async function deleteRegistryRow(h: DbHandle, id: string): Promise<boolean> {
  const rows = await h.db.delete(h.t.registries).where(eq(h.t.registries.id, id)).returning({ id: h.t.registries.id });
  return rows.length > 0;
}
