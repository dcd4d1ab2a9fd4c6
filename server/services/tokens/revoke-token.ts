import { revokeToken as revokeTokenRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { type UseCaseContext, useCase } from "../use-case";

/** Revokes one of the actor's own tokens; anyone else's token id answers 404, like one that does not exist. */
export function revokeToken(actor: Actor | null, input: { tokenId: string }, ctx?: UseCaseContext): Promise<void> {
  const spec = { audit: "token.revoke", permission: "authenticated" as const, target: input.tokenId };
  return useCase(
    actor,
    spec,
    async (me) => {
      if (!(await revokeTokenRow(runtime().db, me.id, input.tokenId, Date.now())))
        throw new NotFoundError("Token not found");
    },
    ctx,
  );
}
