import { acceptTotpStep, swapRecoveryCodes } from "@/db/auth-queries";
import type { DbHandle } from "@/db/client";
import { findUserById } from "@/db/queries";
import { matchRecoveryCode, totpStep } from "./totp";

// Second factors that work once: a TOTP code is accepted only for a time step later than the user's last accepted
// one, and a recovery code is removed with a compare-and-swap. Both are single atomic statements, so parallel
// requests with one code give exactly one success, on any replica.

export type TotpOutcome = "accepted" | "wrong" | "reused";

export async function acceptTotpCode(
  db: DbHandle,
  userId: string,
  secretBase32: string,
  code: string,
  now = Date.now(),
): Promise<TotpOutcome> {
  const step = totpStep(secretBase32, code, now);
  if (step === null) return "wrong";
  return (await acceptTotpStep(db, userId, step)) ? "accepted" : "reused";
}

const SWAP_TRIES = 5;

/** Spends one recovery code; the number of codes left, or null when the code is not (or no longer) valid. */
export async function spendRecoveryCode(
  db: DbHandle,
  userId: string,
  hashesJson: string | null,
  code: string,
): Promise<number | null> {
  const hit = await matchRecoveryCode(hashesJson, code);
  if (!hit || hashesJson === null) return null;
  let expected = hashesJson;
  for (let i = 0; i < SWAP_TRIES; i++) {
    let hashes: string[];
    try {
      hashes = JSON.parse(expected) as string[];
    } catch {
      return null;
    }
    // Another request spent this very code first.
    if (!hashes.includes(hit.matched)) return null;
    const left = hashes.filter((h) => h !== hit.matched);
    if (await swapRecoveryCodes(db, userId, expected, JSON.stringify(left))) return left.length;
    // Someone changed the list meanwhile (another code spent, codes reset): read it again and retry.
    const fresh = (await findUserById(db, userId))?.recoveryCodes ?? null;
    if (fresh === null) return null;
    expected = fresh;
  }
  return null;
}
