import { randomUUID } from "node:crypto";
import { deleteSwap, insertSwap, type SwapRow, updateSwap } from "@/db/swap-queries";
import { UserError } from "@/lib/errors";
import { runtime } from "@/server/runtime";

/** This process: swaps it runs are in flight, not half-done, whatever the journal says. */
export const PROCESS_ID = randomUUID();
const inFlight = new Set<string>();

export function isInFlight(swapId: string): boolean {
  return inFlight.has(swapId);
}

export interface SwapJournal {
  step(step: string, patch?: { newId?: string }): Promise<void>;
  /** The swap ended (done or rolled back cleanly): nothing left to recover. */
  close(): Promise<void>;
  /** The swap ended in a state it could not clean up: leave the row so the next connect tries again. */
  release(): void;
}

/**
 * Writes the journal row before the first engine step. If it cannot be written the swap does not start (a swap
 * nobody could recover after a crash is worse than a clear "try again").
 */
export async function openSwapJournal(
  row: Omit<SwapRow, "id" | "owner" | "startedAt" | "updatedAt" | "step" | "newId">,
): Promise<SwapJournal> {
  const { db, log } = runtime();
  const id = randomUUID();
  const now = Date.now();
  try {
    await insertSwap(db, {
      ...row,
      id,
      owner: PROCESS_ID,
      step: "started",
      newId: null,
      startedAt: now,
      updatedAt: now,
    });
  } catch (err) {
    log.error({ err: (err as Error).message }, "swap journal write failed");
    throw new UserError(
      "Could not record the swap in the database; nothing was changed. Try again.",
      503,
      "db_unavailable",
    );
  }
  inFlight.add(id);
  return {
    // A failed step update is logged, not fatal: recovery decides from the engine's state, the step is a note.
    step: (step, patch) =>
      updateSwap(db, id, { step, ...patch }).catch((err) =>
        log.warn({ err: (err as Error).message, swap: id, step }, "swap journal update failed"),
      ),
    close: async () => {
      await deleteSwap(db, id).catch((err) =>
        log.warn({ err: (err as Error).message, swap: id }, "swap journal cleanup failed"),
      );
      inFlight.delete(id);
    },
    release: () => inFlight.delete(id),
  };
}
