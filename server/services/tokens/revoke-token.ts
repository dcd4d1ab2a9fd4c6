import { revokeToken as revokeTokenRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import type { ServiceContext } from "../access/run-audited";
import { recordAudit } from "../audit/record-audit";

/** Revokes one of the actor's own tokens; anyone else's token id answers 404, like one that does not exist. */
export async function revokeToken(actor: Actor | null, input: { tokenId: string }, ctx: ServiceContext = {}) {
  const audit = { actor, action: "token.revoke", target: input.tokenId, source: ctx.source };
  if (!actor) {
    await recordAudit({ ...audit, outcome: "denied", detail: "not signed in" });
    throw new UnauthenticatedError();
  }
  if (!(await revokeTokenRow(runtime().db, actor.id, input.tokenId, Date.now()))) {
    await recordAudit({ ...audit, outcome: "failure", detail: "no such live token" });
    throw new NotFoundError("Token not found");
  }
  await recordAudit({ ...audit, outcome: "success" });
}
