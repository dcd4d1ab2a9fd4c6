import { deleteGrantStmt } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { findTargetTeam } from "../teams/find-target-team";
import { type UseCaseContext, useCase } from "../use-case";

/** Takes a team's access to an endpoint away: next request refused, live subscriptions dropped within a re-check. */
export async function removeGrant(
  actor: Actor | null,
  input: { teamId: string; endpointId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = {
    audit: "grant.remove",
    permission: "grant:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.teamId,
  };
  await useCase(
    actor,
    op,
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      note.target = team.name;
      await note.commit(function* (tx) {
        if (!rows(yield deleteGrantStmt(tx, team.id, input.endpointId)).length)
          throw new NotFoundError("No such grant");
      });
    },
    ctx,
  );
}
