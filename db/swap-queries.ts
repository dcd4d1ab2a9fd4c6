import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";

export interface SwapRow {
  id: string;
  endpointId: string;
  name: string;
  oldId: string;
  newId: string | null;
  oldSideName: string;
  newSideName: string;
  wasRunning: boolean;
  step: string;
  action: string;
  actorName: string;
  owner: string;
  startedAt: number;
  updatedAt: number;
}

export async function insertSwap({ db, t }: DbHandle, row: SwapRow): Promise<void> {
  await db.insert(t.containerSwaps).values(row);
}

export async function updateSwap(
  { db, t }: DbHandle,
  id: string,
  patch: Partial<Pick<SwapRow, "newId" | "step">>,
): Promise<void> {
  await db
    .update(t.containerSwaps)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(t.containerSwaps.id, id));
}

export async function deleteSwap({ db, t }: DbHandle, id: string): Promise<void> {
  await db.delete(t.containerSwaps).where(eq(t.containerSwaps.id, id));
}

/** Swaps of an endpoint still in the journal, oldest first. */
export async function openSwaps({ db, t }: DbHandle, endpointId: string): Promise<SwapRow[]> {
  const rows = await db.select().from(t.containerSwaps).where(eq(t.containerSwaps.endpointId, endpointId));
  return rows.sort((a, b) => a.startedAt - b.startedAt);
}
