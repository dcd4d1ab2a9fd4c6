import { and, eq, notInArray } from "drizzle-orm";
import type { DbHandle } from "./client";

export type ImageUpdateRow = DbHandle["t"]["imageUpdates"]["$inferSelect"];

export async function listImageUpdates({ db, t }: DbHandle, endpointId: string): Promise<ImageUpdateRow[]> {
  return db.select().from(t.imageUpdates).where(eq(t.imageUpdates.endpointId, endpointId));
}

/** Writes a check's rows; with `prune`, rows of the endpoint's containers not in `rows` (gone since) go. */
export async function saveImageUpdates(
  { db, t }: DbHandle,
  endpointId: string,
  rows: ImageUpdateRow[],
  prune: boolean,
): Promise<void> {
  for (const row of rows) {
    const { endpointId: _e, containerId: _c, ...rest } = row;
    await db
      .insert(t.imageUpdates)
      .values(row)
      .onConflictDoUpdate({ target: [t.imageUpdates.endpointId, t.imageUpdates.containerId], set: rest });
  }
  if (!prune) return;
  const keep = rows.map((r) => r.containerId);
  await db
    .delete(t.imageUpdates)
    .where(
      keep.length
        ? and(eq(t.imageUpdates.endpointId, endpointId), notInArray(t.imageUpdates.containerId, keep))
        : eq(t.imageUpdates.endpointId, endpointId),
    );
}

export async function deleteImageUpdate({ db, t }: DbHandle, endpointId: string, containerId: string): Promise<void> {
  await db
    .delete(t.imageUpdates)
    .where(and(eq(t.imageUpdates.endpointId, endpointId), eq(t.imageUpdates.containerId, containerId)));
}
