import { findUserByName } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { signInInput } from "@/lib/schemas";
import { verifyPassword } from "@/server/auth/passwords";
import { acceptTotpCode, spendRecoveryCode } from "@/server/auth/second-factor";
import { accountKey, clientKey, reserve, settle } from "@/server/auth/throttle";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";

export interface SignedIn {
  id: string;
  name: string;
  /** The user's session version, carried in the session so a later security change ends it. */
  sv: number;
}

/**
 * Checks a sign-in (password, then the second factor when the user has one), next-auth's `authorize`. The attempt is
 * counted against the account and the client address before anything slow runs, and every outcome (signed in,
 * failed, throttled) is audited and logged, never with the password or code. `client` is the address the custom
 * server saw (server/auth/client-address.ts).
 */
export async function signIn(raw: unknown, client: string): Promise<SignedIn | null> {
  const { db, log, secrets } = runtime();
  const parsed = signInInput.safeParse(raw ?? {});
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  const rawCode = (raw as { code?: unknown }).code;
  const code = typeof rawCode === "string" ? rawCode.trim().slice(0, 64) : "";
  const target = username.slice(0, 64);
  const from = `from ${client}`;
  const audit = (
    actor: Pick<Actor, "id" | "username"> | null,
    outcome: "success" | "failure" | "denied",
    why: string,
  ) =>
    recordAudit({
      actor: actor ? { ...actor, isAdmin: false, grants: {} } : null,
      action: "auth.sign_in",
      target,
      outcome,
      detail: `${why} ${from}`,
      source: "ui",
    });

  const keys = [clientKey(client), accountKey(username)];
  const reservation = await reserve(db, keys);
  if (!reservation.ok) {
    const seconds = Math.max(1, Math.ceil(reservation.waitMs / 1000));
    const which = reservation.blocked.key.startsWith("client:") ? "client address" : "account";
    log.warn({ username: target, client, throttled: which, retryInSeconds: seconds }, "sign-in throttled");
    await audit(null, "denied", `throttled (${which}, ${seconds} s left)`);
    return null;
  }

  const fail = async (actor: Pick<Actor, "id" | "username"> | null, why: string) => {
    // The attempt stays counted: it was counted before the check.
    log.info({ username: target, client, reason: why }, "sign-in failed");
    await audit(actor, "failure", why);
    return null;
  };

  const user = await findUserByName(db, username);
  // Runs (against a dummy hash) even for unknown users, so both cost the same time.
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user) return fail(null, "unknown user");
  const who = { id: user.id, username: user.username };
  if (!passwordOk) return fail(who, "wrong password");
  if (user.disabled) return fail(who, "user disabled");

  let how = "signed in";
  if (user.totpEnabled && user.totpSecret) {
    if (!code) return fail(who, "second factor missing");
    const totp = await acceptTotpCode(db, user.id, secrets.open(user.totpSecret), code);
    if (totp === "reused") return fail(who, "two-factor code already used");
    if (totp === "wrong") {
      const left = await spendRecoveryCode(db, user.id, user.recoveryCodes, code);
      if (left === null) return fail(who, "wrong second factor");
      how = `signed in with a recovery code (${left} left)`;
    }
  }

  await settle(db, reservation.keys, true);
  log.info({ userId: user.id, client, how }, "signed in");
  await audit(who, "success", how);
  return { id: user.id, name: user.username, sv: user.sessionVersion };
}
