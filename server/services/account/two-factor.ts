import { findUserById } from "@/db/queries";
import { setTotpState, setTotpStateStmt } from "@/db/totp-queries";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError, UserError } from "@/lib/errors";
import { verifyPassword } from "@/server/auth/passwords";
import { acceptTotpCode, spendRecoveryCode } from "@/server/auth/second-factor";
import { reserve, secondFactorKey, settle, type ThrottleKey } from "@/server/auth/throttle";
import { newRecoveryCodes, newTotpSecret, totpUri } from "@/server/auth/totp";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

// Two-factor sign-in for the actor's own account: start (a new secret), confirm (a code proves the app has it; this
// turns it on and hands out recovery codes once), and turn off (a current code required).

/** Counts one second-factor attempt before it is checked; refuses (a 429, audited as denied) while the user must wait. */
async function reserveCheck(userId: string): Promise<ThrottleKey[]> {
  const r = await reserve(runtime().db, [secondFactorKey(userId)]);
  if (r.ok) return r.keys;
  const seconds = Math.max(1, Math.ceil(r.waitMs / 1000));
  throw new UserError(`Too many attempts. Try again in ${seconds} s (throttled).`, 429, "too_many_requests");
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

export function confirmTwoFactor(
  actor: Actor | null,
  input: { code: string },
  ctx: UseCaseContext = { source: "ui" },
): Promise<{ recoveryCodes: string[] }> {
  const spec = { audit: "user.totp_enable", permission: "authenticated" as const };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const user = await me(actor);
      const rt = runtime();
      note.target = user.username;
      if (user.totpEnabled || !user.totpSecret) throw new UserError("Start setting up two-factor sign-in first", 409);
      const keys = await reserveCheck(user.id);
      if ((await acceptTotpCode(rt.db, user.id, rt.secrets.open(user.totpSecret), input.code)) !== "accepted") {
        note.step = "wrong code";
        throw new UserError("That code is not right; check the time on your device and try the next one", 400);
      }
      await settle(rt.db, keys, true);
      const { codes, hashes } = await newRecoveryCodes();
      const state = { totpSecret: user.totpSecret, totpEnabled: true, recoveryCodes: JSON.stringify(hashes) };
      await note.commit(function* (tx) {
        yield setTotpStateStmt(tx, user.id, state);
      });
      return { recoveryCodes: codes };
    },
    ctx,
  );
}

export function disableTwoFactor(
  actor: Actor | null,
  input: { password: string; code: string },
  ctx: UseCaseContext = { source: "ui" },
): Promise<void> {
  const spec = { audit: "user.totp_disable", permission: "authenticated" as const };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const user = await me(actor);
      const rt = runtime();
      note.target = user.username;
      if (!user.totpEnabled || !user.totpSecret) {
        note.detail = "already off";
        return;
      }
      const keys = await reserveCheck(user.id);
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        note.step = "wrong password";
        throw new UserError("That password or code is not right", 400);
      }
      const totp = await acceptTotpCode(rt.db, user.id, rt.secrets.open(user.totpSecret), input.code);
      if (totp !== "accepted" && (await spendRecoveryCode(rt.db, user.id, user.recoveryCodes, input.code)) === null) {
        note.step = totp === "reused" ? "code already used" : "wrong code";
        throw new UserError("That password or code is not right", 400);
      }
      await settle(rt.db, keys, true);
      const off = { totpSecret: null, totpEnabled: false, recoveryCodes: null };
      await note.commit(function* (tx) {
        yield setTotpStateStmt(tx, user.id, off);
      });
    },
    ctx,
  );
}
