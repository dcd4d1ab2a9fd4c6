import { and, eq, gt, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { DbHandle } from "./client";

// Credential checks that must hold under parallel requests and across replicas: every write here is one atomic
// statement (a conditional UPDATE or INSERT ... ON CONFLICT), never a read followed by a write.

/** `CASE` mapping a failure count to the wait it earns; `delays[i]` is the wait after i+1 failures, the last repeats. */
function delayFor(failures: SQL, delays: readonly number[]): SQL {
  // The numbers come from code, not input: inlined, so Postgres need not guess the type of a bare parameter.
  const n = (v: number) => sql.raw(String(Math.trunc(v)));
  const parts = delays.map((d, i) => sql` when ${failures} <= ${n(i + 1)} then ${n(d)}`);
  return sql`(case${sql.join(parts)} else ${n(delays[delays.length - 1] ?? 0)} end)`;
}

/**
 * Counts one attempt for `key` now, before it is checked, unless the key is still blocked. The count starts over when
 * the last attempt is older than `forgetBefore`. Returns false (nothing written) while the key is blocked.
 */
export async function reserveAttempt(
  { db, t }: DbHandle,
  key: string,
  now: number,
  delays: readonly number[],
  forgetBefore: number,
): Promise<boolean> {
  const a = t.authThrottle;
  const next = sql`(case when ${a.updatedAt} < cast(${forgetBefore} as bigint) then 1 else ${a.failures} + 1 end)`;
  const rows = await db
    .insert(a)
    .values({ key, failures: 1, blockedUntil: now + (delays[0] ?? 0), updatedAt: now })
    .onConflictDoUpdate({
      target: a.key,
      set: { failures: next, blockedUntil: sql`cast(${now} as bigint) + ${delayFor(next, delays)}`, updatedAt: now },
      setWhere: lte(a.blockedUntil, now),
    })
    .returning({ failures: a.failures });
  return rows.length === 1;
}

/** Milliseconds `key` stays blocked (0 when it is free). */
export async function blockedFor({ db, t }: DbHandle, key: string, now: number): Promise<number> {
  const rows = await db
    .select({ until: t.authThrottle.blockedUntil })
    .from(t.authThrottle)
    .where(eq(t.authThrottle.key, key));
  return Math.max(0, Number(rows[0]?.until ?? 0) - now);
}

/** A success: the key starts over. */
export async function clearAttempts({ db, t }: DbHandle, key: string): Promise<void> {
  await db.delete(t.authThrottle).where(eq(t.authThrottle.key, key));
}

/** A success on a shared key (a client address): only the attempt just reserved is given back. */
export async function giveBackAttempt({ db, t }: DbHandle, key: string): Promise<void> {
  await db
    .update(t.authThrottle)
    .set({ failures: sql`${t.authThrottle.failures} - 1` })
    .where(and(eq(t.authThrottle.key, key), gt(t.authThrottle.failures, 0)));
}

/** Forgets keys nobody tried for a while and that are not blocked. */
export async function pruneAttempts({ db, t }: DbHandle, olderThan: number, now: number): Promise<void> {
  await db
    .delete(t.authThrottle)
    .where(and(lt(t.authThrottle.updatedAt, olderThan), lte(t.authThrottle.blockedUntil, now)));
}

/** Records `step` as the user's last accepted TOTP step; false when that step (or a later one) was already used. */
export async function acceptTotpStep({ db, t }: DbHandle, userId: string, step: number): Promise<boolean> {
  const u = t.users;
  const rows = await db
    .update(u)
    .set({ totpLastStep: step })
    .where(and(eq(u.id, userId), or(isNull(u.totpLastStep), lt(u.totpLastStep, step))))
    .returning({ id: u.id });
  return rows.length === 1;
}

/** Replaces the recovery codes only if they are still `expected` (compare-and-swap); false when they changed. */
export async function swapRecoveryCodes(
  { db, t }: DbHandle,
  userId: string,
  expected: string,
  next: string,
): Promise<boolean> {
  const rows = await db
    .update(t.users)
    .set({ recoveryCodes: next })
    .where(and(eq(t.users.id, userId), eq(t.users.recoveryCodes, expected)))
    .returning({ id: t.users.id });
  return rows.length === 1;
}

export async function revokeSessionId({ db, t }: DbHandle, sid: string, expiresAt: number): Promise<void> {
  await db.insert(t.revokedSessions).values({ sid, expiresAt }).onConflictDoNothing();
}

export async function sessionIdRevoked({ db, t }: DbHandle, sid: string): Promise<boolean> {
  const rows = await db
    .select({ sid: t.revokedSessions.sid })
    .from(t.revokedSessions)
    .where(eq(t.revokedSessions.sid, sid))
    .limit(1);
  return rows.length === 1;
}

export async function pruneRevokedSessions({ db, t }: DbHandle, now: number): Promise<void> {
  await db.delete(t.revokedSessions).where(lt(t.revokedSessions.expiresAt, now));
}
