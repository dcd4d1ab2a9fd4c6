import crypto from "node:crypto";
import { insertTokenStmt, listTokensOf } from "@/db/access-queries";
import type { CreateTokenInput } from "@/lib/access-schemas";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { hashToken, newTokenSecret } from "@/server/auth/api-token";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

const MAX_LIVE_TOKENS = 50;
const DAY_MS = 86_400_000;

/** Creates a token for the actor themself. The secret is returned once, here, and never stored. */
export function createToken(
  actor: Actor | null,
  input: CreateTokenInput,
  ctx?: UseCaseContext,
): Promise<{ id: string; name: string; token: string; expiresAt: number | null }> {
  const spec = { audit: "token.create", permission: "authenticated" as const, target: input.name };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const { db } = runtime();
      const now = Date.now();
      const live = (await listTokensOf(db, me.id)).filter(
        (t) => t.revokedAt === null && (t.expiresAt === null || t.expiresAt > now),
      );
      if (live.length >= MAX_LIVE_TOKENS) {
        throw new UserError(`You already have ${MAX_LIVE_TOKENS} live tokens; revoke one first`, 409, "conflict");
      }
      const token = newTokenSecret();
      const row = {
        id: crypto.randomUUID(),
        userId: me.id,
        name: input.name,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: input.expiresInDays ? now + input.expiresInDays * DAY_MS : null,
      };
      await note.commit(function* (tx) {
        yield insertTokenStmt(tx, row);
      });
      return { id: row.id, name: row.name, token, expiresAt: row.expiresAt };
    },
    ctx,
  );
}
