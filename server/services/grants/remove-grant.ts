import { deleteGrant } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetTeam } from "../teams/find-target-team";

/** Takes a team's access to an endpoint away: next request refused, live subscriptions dropped within a re-check. */
export async function removeGrant(
  actor: Actor | null,
  input: { teamId: string; endpointId: string },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = {
    action: "grant.remove",
    permission: "grant:manage" as const,
    resource: { endpointId: input.endpointId },
    target: input.teamId,
  };
  await runAudited(actor, op, ctx, async () => {
    const team = await findTargetTeam(input.teamId);
    op.target = team.name;
    if (!(await deleteGrant(runtime().db, team.id, input.endpointId))) throw new NotFoundError("No such grant");
  });
}
