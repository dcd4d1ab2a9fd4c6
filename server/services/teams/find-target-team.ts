import { findTeamById, type TeamRow } from "@/db/access-queries";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";

export async function findTargetTeam(teamId: string): Promise<TeamRow> {
  const team = await findTeamById(runtime().db, teamId);
  if (!team) throw new NotFoundError("Team not found");
  return team;
}
