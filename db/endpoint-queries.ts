import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";
import type { EndpointRow } from "./queries";

// Endpoint records beyond list/insert (db/queries.ts): lookups, edits and removal. Authorization happens above.

export async function findEndpointById({ db, t }: DbHandle, id: string): Promise<EndpointRow | undefined> {
  const rows = await db.select().from(t.endpoints).where(eq(t.endpoints.id, id)).limit(1);
  return rows[0];
}

export async function findEndpointByName({ db, t }: DbHandle, name: string): Promise<EndpointRow | undefined> {
  const rows = await db.select().from(t.endpoints).where(eq(t.endpoints.name, name)).limit(1);
  return rows[0];
}

export function updateEndpointRowStmt(
  { db, t }: DbHandle,
  id: string,
  patch: { name: string; url: string; secret: string | null },
) {
  return db.update(t.endpoints).set(patch).where(eq(t.endpoints.id, id)).returning({ id: t.endpoints.id });
}

/** Grants and status page items of the endpoint go with it (ON DELETE CASCADE). */
export async function deleteEndpointRow(h: DbHandle, id: string): Promise<boolean> {
  return (await deleteEndpointRowStmt(h, id)).length === 1;
}

export function deleteEndpointRowStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.endpoints).where(eq(t.endpoints.id, id)).returning({ id: t.endpoints.id });
}
