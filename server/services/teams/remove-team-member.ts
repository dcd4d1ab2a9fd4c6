import { removeTeamMember as removeMemberRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
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
    { ...op, describe: (username) => `member ${username}` },
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      const user = await findTargetUser(input.userId);
      note.target = team.name;
      if (!(await removeMemberRow(runtime().db, team.id, user.id)))
        throw new NotFoundError("Not a member of this team");
      return user.username;
    },
    ctx,
  );
}
