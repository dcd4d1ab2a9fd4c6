import { deleteTeamStmt } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetTeam } from "./find-target-team";

/** Deletes a team with its memberships and grants (cascades): its members lose that access on their next request. */
export async function deleteTeam(actor: Actor | null, input: { teamId: string }, ctx?: UseCaseContext): Promise<void> {
  const op = { audit: "team.delete", permission: "team:manage" as const, target: input.teamId };
  await useCase(
    actor,
    op,
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      note.target = team.name;
      await note.commit(function* (tx) {
        yield deleteTeamStmt(tx, team.id);
      });
    },
    ctx,
  );
}
