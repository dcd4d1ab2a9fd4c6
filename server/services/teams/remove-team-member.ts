import { removeTeamMemberStmt } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "../users/find-target-user";
import { findTargetTeam } from "./find-target-team";

/** Takes a user out of a team: the team's grants stop applying to them on their next request. */
export async function removeTeamMember(
  actor: Actor | null,
  input: { teamId: string; userId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = { audit: "team.remove_member", permission: "team:manage" as const, target: input.teamId };
  await useCase(
    actor,
    op,
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      const user = await findTargetUser(input.userId);
      note.target = team.name;
      note.detail = `member ${user.username}`;
      await note.commit(function* (tx) {
        if (!rows(yield removeTeamMemberStmt(tx, team.id, user.id)).length)
          throw new NotFoundError("Not a member of this team");
      });
    },
    ctx,
  );
}
