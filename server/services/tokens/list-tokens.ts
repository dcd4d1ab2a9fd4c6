import { listTokensOf } from "@/db/access-queries";
import type { TokenView } from "@/lib/access-views";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import { runtime } from "@/server/runtime";

/** The actor's own tokens, without their hashes. */
export async function listTokens(actor: Actor | null): Promise<TokenView[]> {
  if (!actor) throw new UnauthenticatedError();
  return (await listTokensOf(runtime().db, actor.id)).map(
    ({ id, name, createdAt, expiresAt, lastUsedAt, revokedAt }) => ({
      id,
      name,
      createdAt,
      expiresAt,
      lastUsedAt,
      revokedAt,
    }),
  );
}
