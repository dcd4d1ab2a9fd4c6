import crypto from "node:crypto";
import { setMetaStmt } from "@/db/audit-queries";
import type { DbHandle } from "@/db/client";
import { claimOnce, countAdmins, getMeta, insertUser } from "@/db/queries";
import { UserError } from "@/lib/errors";
import { hashPassword } from "@/server/auth/passwords";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { recordRefusal } from "../use-case";

// Setup tokens are kept in the database as SHA-256 hashes (`setup_token:<hash>`), one per replica that started
// without an admin: the link any of them printed works on whichever replica serves it, until an admin exists.
const tokenKey = (token: string) => `setup_token:${crypto.createHash("sha256").update(token).digest("hex")}`;

/** Makes a new setup token and records it for every replica; the caller prints it. */
export async function issueSetupToken(db: DbHandle): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await setMetaStmt(db, tokenKey(token), new Date().toISOString());
  return token;
}

/** True when `given` is a live setup token (looked up by its hash) and no admin exists yet. */
export async function setupTokenValid(given: string | null | undefined): Promise<boolean> {
  if (!given || given.length > 200) return false;
  const { db } = runtime();
  if ((await countAdmins(db)) > 0) return false;
  return (await getMeta(db, tokenKey(given))) !== undefined;
}

export async function setupOpen(): Promise<boolean> {
  return (await countAdmins(runtime().db)) === 0;
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
  if ("token" in via && !(await setupTokenValid(via.token))) {
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
