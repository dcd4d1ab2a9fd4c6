import { deleteTeam as deleteTeamRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetTeam } from "./find-target-team";

/** Deletes a team with its memberships and grants (cascades): its members lose that access on their next request. */
export async function deleteTeam(
  actor: Actor | null,
  input: { teamId: string },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = { action: "team.delete", permission: "team:manage" as const, target: input.teamId };
  await runAudited(actor, op, ctx, async () => {
    const team = await findTargetTeam(input.teamId);
    op.target = team.name;
    await deleteTeamRow(runtime().db, team.id);
  });
}
