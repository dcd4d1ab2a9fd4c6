import { lt, sql } from "drizzle-orm";
import type { DbHandle } from "./client";

/** Counts one request of `key` in `window` and returns the window's count so far (one statement, race-free). */
export async function countRequest({ db, t }: DbHandle, key: string, window: number): Promise<number> {
  const rows = await db
    .insert(t.rateWindows)
    .values({ key, window, count: 1 })
    .onConflictDoUpdate({
      target: [t.rateWindows.key, t.rateWindows.window],
      set: { count: sql`${t.rateWindows.count} + 1` as unknown as number },
    })
    .returning({ count: t.rateWindows.count });
  return rows[0]?.count ?? 1;
}

export async function pruneRequestWindows({ db, t }: DbHandle, beforeWindow: number): Promise<void> {
  await db.delete(t.rateWindows).where(lt(t.rateWindows.window, beforeWindow));
}
