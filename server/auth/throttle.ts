import { blockedFor, clearAttempts, giveBackAttempt, pruneAttempts, reserveAttempt } from "@/db/auth-queries";
import type { DbHandle } from "@/db/client";

/**
 * Credential-check throttle. Every attempt is counted (reserved) in the database BEFORE the slow check runs, with one
 * conditional statement, so a burst of parallel guesses cannot all pass a check-then-record gap, and every replica on
 * the database sees the same counts. After a few attempts each further one must wait twice as long as the last, up
 * to a cap; nothing locks an account for good, so an attacker can slow guesses but not shut a user out for long.
 */
export interface ThrottlePolicy {
  /** Attempts allowed back to back before waits begin. */
  free: number;
  baseMs: number;
  maxMs: number;
  /** The count starts over when the last attempt is older than this. */
  forgetAfterMs: number;
}

/** One account (by name, whether or not it exists, so unknown names look the same). */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 3, baseMs: 1_000, maxMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 };
/** One client address, across all the names it tries; looser, since several people may share an address. */
export const CLIENT_POLICY: ThrottlePolicy = { free: 10, baseMs: 1_000, maxMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 };

/** The wait earned by `failures` attempts under `policy`. */
export function delayAfter(failures: number, p: ThrottlePolicy): number {
  if (failures <= p.free) return 0;
  return Math.min(p.maxMs, p.baseMs * 2 ** (failures - p.free - 1));
}

/** `delays[i]` = wait after i+1 attempts, up to the first that reaches the cap (which then repeats). */
export function delayTable(p: ThrottlePolicy): number[] {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    const d = delayAfter(n, p);
    out.push(d);
    if (d >= p.maxMs || n > p.free + 40) return out;
  }
}

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  /** On success, forget every counted attempt (an account), or give back only this one (a shared client address). */
  onSuccess: "clear" | "give-back";
}

export const accountKey = (username: string): ThrottleKey => ({
  key: `account:${username.trim().toLowerCase()}`,
  policy: ACCOUNT_POLICY,
  onSuccess: "clear",
});
export const clientKey = (client: string): ThrottleKey => ({
  key: `client:${client}`,
  policy: CLIENT_POLICY,
  onSuccess: "give-back",
});
/** Second-factor checks of a signed-in user (turning two-factor on or off). */
export const secondFactorKey = (userId: string): ThrottleKey => ({
  key: `totp:${userId}`,
  policy: ACCOUNT_POLICY,
  onSuccess: "clear",
});

export type Reservation = { ok: true; keys: ThrottleKey[] } | { ok: false; blocked: ThrottleKey; waitMs: number };

let lastPrune = 0;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Counts one attempt against every key, in order; if one is blocked, nothing stays counted (the ones already counted
 * are given back) and the caller must refuse without checking the credential.
 */
export async function reserve(db: DbHandle, keys: ThrottleKey[], now = Date.now()): Promise<Reservation> {
  if (now - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = now;
    const oldest = Math.max(ACCOUNT_POLICY.forgetAfterMs, CLIENT_POLICY.forgetAfterMs);
    await pruneAttempts(db, now - oldest, now).catch(() => {});
  }
  const taken: ThrottleKey[] = [];
  for (const k of keys) {
    const ok = await reserveAttempt(db, k.key, now, delayTable(k.policy), now - k.policy.forgetAfterMs);
    if (!ok) {
      for (const t of taken) await giveBackAttempt(db, t.key);
      return { ok: false, blocked: k, waitMs: await blockedFor(db, k.key, now) };
    }
    taken.push(k);
  }
  return { ok: true, keys: taken };
}

/** After the check: a failure stays counted (it was counted up front); a success is forgiven per key. */
export async function settle(db: DbHandle, keys: ThrottleKey[], success: boolean): Promise<void> {
  if (!success) return;
  for (const k of keys) {
    if (k.onSuccess === "clear") await clearAttempts(db, k.key);
    else await giveBackAttempt(db, k.key);
  }
}
