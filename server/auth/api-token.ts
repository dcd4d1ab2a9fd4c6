import crypto from "node:crypto";
import { findTokenByHash, touchToken } from "@/db/access-queries";
import { findUserById } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { loadActor } from "./actor";

// Personal access tokens: "berth_pat_" + 32 random bytes. Only the SHA-256 is stored; the token is shown once.
const PREFIX = "berth_pat_";
const TOKEN_RE = /^berth_pat_[A-Za-z0-9_-]{43}$/;
/** Last-use times are written at most this often per token, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export function newTokenSecret(): string {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * The actor a bearer token stands for: its owner, loaded fresh (a disabled or deleted owner has no actor), with the
 * owner's current permissions and never more. Revoked or expired tokens yield null.
 */
export async function actorFromBearerToken(token: string, now = Date.now()): Promise<Actor | null> {
  if (!TOKEN_RE.test(token)) return null;
  const { db } = runtime();
  const row = await findTokenByHash(db, hashToken(token));
  if (!row || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && row.expiresAt <= now) return null;
  const owner = await findUserById(db, row.userId);
  if (!owner) return null;
  const actor = await loadActor(owner.id, owner.sessionVersion);
  if (!actor) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt > TOUCH_EVERY_MS) await touchToken(db, row.id, now);
  return actor;
}

/** Parses `Authorization: Bearer <token>`; undefined when the header is absent, "" when it is malformed. */
export function bearerFrom(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : "";
}

/**
 * Query parameters that look like a credential. Tokens in URLs end up in logs, proxies and browser history
 * (Portainer GHSA-jvp4-q659-95mj), so the API refuses them outright instead of ignoring them.
 */
const CREDENTIAL_PARAMS =
  /^(token|access_token|accesstoken|api_key|apikey|api-key|key|auth|authorization|bearer|jwt|session|session_token|password|secret)$/i;

export function credentialInUrl(url: URL): string | null {
  for (const name of url.searchParams.keys()) if (CREDENTIAL_PARAMS.test(name)) return name;
  return null;
}
