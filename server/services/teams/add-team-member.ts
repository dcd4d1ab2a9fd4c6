import { addTeamMemberStmt } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "../users/find-target-user";
import { findTargetTeam } from "./find-target-team";

export async function addTeamMember(
  actor: Actor | null,
  input: { teamId: string; userId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = { audit: "team.add_member", permission: "team:manage" as const, target: input.teamId };
  await useCase(
    actor,
    op,
    async (_actor, note) => {
      const team = await findTargetTeam(input.teamId);
      const user = await findTargetUser(input.userId);
      note.target = team.name;
      note.detail = `member ${user.username}`;
      await note.commit(function* (tx) {
        yield addTeamMemberStmt(tx, team.id, user.id);
      });
    },
    ctx,
  );
}
