import { revokeTokenStmt } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { type UseCaseContext, useCase } from "../use-case";

/** Revokes one of the actor's own tokens; anyone else's token id answers 404, like one that does not exist. */
export function revokeToken(actor: Actor | null, input: { tokenId: string }, ctx?: UseCaseContext): Promise<void> {
  const spec = { audit: "token.revoke", permission: "authenticated" as const, target: input.tokenId };
  return useCase(
    actor,
    spec,
    (me, note) =>
      note.commit(function* (tx) {
        if (!rows(yield revokeTokenStmt(tx, me.id, input.tokenId, Date.now())).length)
          throw new NotFoundError("Token not found");
      }),
    ctx,
  );
}
