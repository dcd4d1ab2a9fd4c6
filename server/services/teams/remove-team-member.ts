import { removeTeamMember as removeMemberRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetUser } from "../users/find-target-user";
import { findTargetTeam } from "./find-target-team";

/** Takes a user out of a team: the team's grants stop applying to them on their next request. */
export async function removeTeamMember(
  actor: Actor | null,
  input: { teamId: string; userId: string },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = { action: "team.remove_member", permission: "team:manage" as const, target: input.teamId };
  await runAudited(
    actor,
    op,
    ctx,
    async () => {
      const team = await findTargetTeam(input.teamId);
      const user = await findTargetUser(input.userId);
      op.target = team.name;
      if (!(await removeMemberRow(runtime().db, team.id, user.id)))
        throw new NotFoundError("Not a member of this team");
      return user.username;
    },
    (username) => `member ${username}`,
  );
}
