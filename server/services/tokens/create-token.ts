import crypto from "node:crypto";
import { insertToken, listTokensOf } from "@/db/access-queries";
import type { CreateTokenInput } from "@/lib/access-schemas";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError, UserError } from "@/lib/errors";
import { hashToken, newTokenSecret } from "@/server/auth/api-token";
import { runtime } from "@/server/runtime";
import type { ServiceContext } from "../access/run-audited";
import { recordAudit } from "../audit/record-audit";

const MAX_LIVE_TOKENS = 50;
const DAY_MS = 86_400_000;

/** Creates a token for the actor themself. The secret is returned once, here, and never stored. */
export async function createToken(
  actor: Actor | null,
  input: CreateTokenInput,
  ctx: ServiceContext = {},
): Promise<{ id: string; name: string; token: string; expiresAt: number | null }> {
  if (!actor) {
    await recordAudit({
      actor,
      action: "token.create",
      outcome: "denied",
      source: ctx.source,
      detail: "not signed in",
    });
    throw new UnauthenticatedError();
  }
  const { db } = runtime();
  const now = Date.now();
  const live = (await listTokensOf(db, actor.id)).filter(
    (t) => t.revokedAt === null && (t.expiresAt === null || t.expiresAt > now),
  );
  if (live.length >= MAX_LIVE_TOKENS) {
    await recordAudit({ actor, action: "token.create", target: input.name, outcome: "failure", source: ctx.source });
    throw new UserError(`You already have ${MAX_LIVE_TOKENS} live tokens; revoke one first`, 409, "conflict");
  }
  const token = newTokenSecret();
  const row = {
    id: crypto.randomUUID(),
    userId: actor.id,
    name: input.name,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: input.expiresInDays ? now + input.expiresInDays * DAY_MS : null,
  };
  await insertToken(db, row);
  await recordAudit({ actor, action: "token.create", target: input.name, outcome: "success", source: ctx.source });
  return { id: row.id, name: row.name, token, expiresAt: row.expiresAt };
}
