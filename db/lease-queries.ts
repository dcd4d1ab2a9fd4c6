import { and, eq, lt, or } from "drizzle-orm";
import type { DbHandle } from "./client";

/**
 * Takes or renews the lease `name` for `holder` until `expiresAt`: succeeds when nobody holds it, the holder is
 * `holder` already, or the last holder's lease ran out. One statement (insert, or update on conflict when allowed),
 * so two replicas racing for it cannot both win, on SQLite or Postgres.
 */
export async function claimLease(
  { db, t }: DbHandle,
  name: string,
  holder: string,
  expiresAt: number,
  now = Date.now(),
): Promise<boolean> {
  const rows = await db
    .insert(t.leases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: t.leases.name,
      set: { holder, expiresAt },
      setWhere: or(eq(t.leases.holder, holder), lt(t.leases.expiresAt, now)),
    })
    .returning({ holder: t.leases.holder });
  return rows.length === 1 && rows[0]!.holder === holder;
}

/** Gives the lease up at once (a clean shutdown), so another replica need not wait for it to expire. */
export async function releaseLease({ db, t }: DbHandle, name: string, holder: string): Promise<void> {
  await db.delete(t.leases).where(and(eq(t.leases.name, name), eq(t.leases.holder, holder)));
}

export async function leaseHolder(
  { db, t }: DbHandle,
  name: string,
): Promise<{ holder: string; expiresAt: number } | null> {
  const rows = await db
    .select({ holder: t.leases.holder, expiresAt: t.leases.expiresAt })
    .from(t.leases)
    .where(eq(t.leases.name, name))
    .limit(1);
  return rows[0] ?? null;
}
