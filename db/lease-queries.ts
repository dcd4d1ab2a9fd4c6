import { and, eq, gt, like, sql } from "drizzle-orm";
import type { DbHandle } from "./client";

/**
 * The database's clock in milliseconds: every replica compares lease expiry against the same clock, so a replica
 * whose own clock runs ahead cannot take a lease early.
 */
function dbNow(h: DbHandle) {
  return h.dialect === "pg"
    ? sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
}

export interface LeaseGrant {
  /** Grows by one each time the lease changes hands: tells a holder's messages from its predecessor's. */
  epoch: number;
}

/**
 * Takes the lease if it is free or expired, or renews it if `holder` has it; one statement, so two replicas racing
 * for it cannot both win. Null when another holder's lease is still running.
 */
export async function acquireLease(
  h: DbHandle,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<LeaseGrant | null> {
  const { db, t } = h;
  const expires = sql`${dbNow(h)} + ${ttlMs}`;
  const rows = await db
    .insert(t.leases)
    .values({ name, holder, expiresAt: expires as unknown as number, epoch: 1 })
    .onConflictDoUpdate({
      target: t.leases.name,
      set: {
        holder,
        expiresAt: expires as unknown as number,
        epoch:
          sql`CASE WHEN ${t.leases.holder} = ${holder} THEN ${t.leases.epoch} ELSE ${t.leases.epoch} + 1 END` as unknown as number,
      },
      setWhere: sql`${t.leases.holder} = ${holder} OR ${t.leases.expiresAt} < ${dbNow(h)}`,
    })
    .returning({ holder: t.leases.holder, epoch: t.leases.epoch });
  const row = rows[0];
  return row && row.holder === holder ? { epoch: row.epoch } : null;
}

/** Gives the lease up at once (a clean shutdown), so another replica need not wait for it to expire. */
export async function releaseLease(h: DbHandle, name: string, holder: string): Promise<void> {
  const { db, t } = h;
  await db
    .update(t.leases)
    .set({ expiresAt: 0 })
    .where(and(eq(t.leases.name, name), eq(t.leases.holder, holder)));
}

/** Unexpired leases whose name starts with `prefix`, with their holders. */
export async function liveLeases(h: DbHandle, prefix: string): Promise<{ name: string; holder: string }[]> {
  const { db, t } = h;
  return db
    .select({ name: t.leases.name, holder: t.leases.holder })
    .from(t.leases)
    .where(and(like(t.leases.name, `${prefix}%`), gt(t.leases.expiresAt, dbNow(h) as unknown as number)));
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
  // A released lease keeps its row (and epoch) with expires_at 0: nobody holds it.
  const row = rows[0];
  return row && row.expiresAt > 0 ? row : null;
}
