import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { authorize } from "../authorize";
import { getTeam, type TeamView } from "../teams/list-teams";

export async function listGrants(actor: Actor | null, teamId: string): Promise<TeamView["grants"]> {
  authorize(actor, "grant:manage");
  const team = await getTeam(actor, teamId);
  if (!team) throw new NotFoundError("Team not found");
  return team.grants;
}
