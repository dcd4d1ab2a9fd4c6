import { findUserById } from "@/db/queries";
import { setTotpState } from "@/db/totp-queries";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError, UserError } from "@/lib/errors";
import { verifyPassword } from "@/server/auth/passwords";
import { acceptTotpCode, spendRecoveryCode } from "@/server/auth/second-factor";
import { reserve, secondFactorKey, settle, type ThrottleKey } from "@/server/auth/throttle";
import { newRecoveryCodes, newTotpSecret, totpUri } from "@/server/auth/totp";
import { runtime } from "@/server/runtime";
import { type AuditEntry, recordAudit } from "../audit/record-audit";

// Two-factor sign-in for the actor's own account: start (a new secret), confirm (a code proves the app has it; this
// turns it on and hands out recovery codes once), and turn off (a current code required).

/** Counts one second-factor attempt before it is checked; refuses (audited) while the user must wait. */
async function reserveCheck(audit: Omit<AuditEntry, "outcome">, userId: string): Promise<ThrottleKey[]> {
  const r = await reserve(runtime().db, [secondFactorKey(userId)]);
  if (r.ok) return r.keys;
  const seconds = Math.max(1, Math.ceil(r.waitMs / 1000));
  await recordAudit({ ...audit, outcome: "denied", detail: `throttled (${seconds} s left)` });
  throw new UserError(`Too many attempts. Try again in ${seconds} s.`, 429, "too_many_requests");
}

async function me(actor: Actor | null) {
  if (!actor) throw new UnauthenticatedError();
  const user = await findUserById(runtime().db, actor.id);
  if (!user) throw new UnauthenticatedError();
  return user;
}

export async function twoFactorEnabled(actor: Actor | null): Promise<boolean> {
  return (await me(actor)).totpEnabled;
}

export async function startTwoFactor(actor: Actor | null): Promise<{ secret: string; uri: string }> {
  const user = await me(actor);
  if (user.totpEnabled) throw new UserError("Two-factor sign-in is already on", 409, "conflict");
  const secret = newTotpSecret();
  const rt = runtime();
  await setTotpState(rt.db, user.id, { totpSecret: rt.secrets.seal(secret), totpEnabled: false, recoveryCodes: null });
  return { secret, uri: totpUri(secret, user.username) };
}

export async function confirmTwoFactor(
  actor: Actor | null,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const user = await me(actor);
  const rt = runtime();
  const audit = { actor, action: "user.totp_enable", target: user.username, source: "ui" };
  if (user.totpEnabled || !user.totpSecret) throw new UserError("Start setting up two-factor sign-in first", 409);
  const keys = await reserveCheck(audit, user.id);
  if ((await acceptTotpCode(rt.db, user.id, rt.secrets.open(user.totpSecret), input.code)) !== "accepted") {
    await recordAudit({ ...audit, outcome: "failure", detail: "wrong code" });
    throw new UserError("That code is not right; check the time on your device and try the next one", 400);
  }
  await settle(rt.db, keys, true);
  const { codes, hashes } = await newRecoveryCodes();
  await setTotpState(rt.db, user.id, {
    totpSecret: user.totpSecret,
    totpEnabled: true,
    recoveryCodes: JSON.stringify(hashes),
  });
  await recordAudit({ ...audit, outcome: "success" });
  return { recoveryCodes: codes };
}

export async function disableTwoFactor(actor: Actor | null, input: { password: string; code: string }): Promise<void> {
  const user = await me(actor);
  const rt = runtime();
  const audit = { actor, action: "user.totp_disable", target: user.username, source: "ui" };
  if (!user.totpEnabled || !user.totpSecret) return;
  const keys = await reserveCheck(audit, user.id);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordAudit({ ...audit, outcome: "failure", detail: "wrong password" });
    throw new UserError("That password or code is not right", 400);
  }
  const totp = await acceptTotpCode(rt.db, user.id, rt.secrets.open(user.totpSecret), input.code);
  if (totp !== "accepted" && (await spendRecoveryCode(rt.db, user.id, user.recoveryCodes, input.code)) === null) {
    await recordAudit({ ...audit, outcome: "failure", detail: totp === "reused" ? "code already used" : "wrong code" });
    throw new UserError("That password or code is not right", 400);
  }
  await settle(rt.db, keys, true);
  await setTotpState(rt.db, user.id, { totpSecret: null, totpEnabled: false, recoveryCodes: null });
  await recordAudit({ ...audit, outcome: "success" });
}
