import { and, eq } from "drizzle-orm";
import type { DbHandle } from "./client";

export type StackSourceRow = DbHandle["t"]["stackSources"]["$inferSelect"];

export async function findStackSource(
  h: DbHandle,
  endpointId: string,
  project: string,
): Promise<StackSourceRow | undefined> {
  const rows = await h.db
    .select()
    .from(h.t.stackSources)
    .where(and(eq(h.t.stackSources.endpointId, endpointId), eq(h.t.stackSources.project, project)));
  return rows[0];
}

export async function findStackSourceById(h: DbHandle, id: string): Promise<StackSourceRow | undefined> {
  return (await h.db.select().from(h.t.stackSources).where(eq(h.t.stackSources.id, id)))[0];
}

export async function upsertStackSource(h: DbHandle, row: StackSourceRow): Promise<void> {
  const existing = await findStackSource(h, row.endpointId, row.project);
  if (existing) {
    const { id: _id, ...rest } = row;
    await h.db.update(h.t.stackSources).set(rest).where(eq(h.t.stackSources.id, existing.id));
  } else await h.db.insert(h.t.stackSources).values(row);
}

export async function markStackSource(
  h: DbHandle,
  id: string,
  patch: { lastCommit?: string; lastCheckedAt: number },
): Promise<void> {
  await h.db.update(h.t.stackSources).set(patch).where(eq(h.t.stackSources.id, id));
}

export async function listPolledStackSources(h: DbHandle): Promise<StackSourceRow[]> {
  return (await h.db.select().from(h.t.stackSources)).filter((r) => r.pollSeconds > 0);
}

export async function deleteStackSource(h: DbHandle, endpointId: string, project: string): Promise<void> {
  await h.db
    .delete(h.t.stackSources)
    .where(and(eq(h.t.stackSources.endpointId, endpointId), eq(h.t.stackSources.project, project)));
}
