import crypto from "node:crypto";
import { claimOnce, countAdmins, insertUser } from "@/db/queries";
import { UserError } from "@/lib/errors";
import { hashPassword } from "@/server/auth/passwords";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { recordRefusal } from "../use-case";

/** True when `given` is the live setup token (constant-time compare). */
export function setupTokenValid(given: string | null | undefined): boolean {
  const token = runtime().setupToken;
  if (!token || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function setupOpen(): boolean {
  return runtime().setupToken !== null;
}

/**
 * Creates the first admin. Callers pass the setup token (browser) or nothing (environment bootstrap, trusted).
 * The one-time `admin_initialized` claim makes a second success impossible, even under a race or across replicas.
 */
export async function createFirstAdmin(
  input: { username: string; password: string },
  via: { token: string } | { bootstrap: true },
): Promise<void> {
  const rt = runtime();
  if ("token" in via && !setupTokenValid(via.token)) {
    const refusal = new UserError(
      "This setup link is not valid. Use the link printed in Berth's log.",
      403,
      "forbidden",
    );
    // No actor yet, so no use case: the refusal is recorded like every other.
    await recordRefusal(null, "setup.create_admin", new Error("bad or missing setup token"));
    throw refusal;
  }
  if ((await countAdmins(rt.db)) > 0 || !(await claimOnce(rt.db, "admin_initialized", new Date().toISOString()))) {
    rt.setupToken = null;
    throw new UserError("Berth is already set up.", 403, "forbidden");
  }
  const id = crypto.randomUUID();
  await insertUser(rt.db, {
    id,
    username: input.username,
    passwordHash: await hashPassword(input.password),
    isAdmin: true,
    createdAt: Date.now(),
  });
  rt.setupToken = null;
  await recordAudit({
    actor: { id, username: input.username, isAdmin: true, grants: {} },
    action: "setup.create_admin",
    target: input.username,
    outcome: "success",
    source: "token" in via ? "setup page" : "environment",
  });
}
