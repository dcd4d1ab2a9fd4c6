import { addTeamMember as addMemberRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetUser } from "../users/find-target-user";
import { findTargetTeam } from "./find-target-team";

export async function addTeamMember(
  actor: Actor | null,
  input: { teamId: string; userId: string },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = { action: "team.add_member", permission: "team:manage" as const, target: input.teamId };
  await runAudited(
    actor,
    op,
    ctx,
    async () => {
      const team = await findTargetTeam(input.teamId);
      const user = await findTargetUser(input.userId);
      op.target = team.name;
      await addMemberRow(runtime().db, team.id, user.id);
      return user.username;
    },
    (username) => `member ${username}`,
  );
}
