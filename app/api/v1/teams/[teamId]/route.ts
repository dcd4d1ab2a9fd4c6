import { z } from "zod";
import { entityId } from "@/lib/access-schemas";
import { NotFoundError } from "@/lib/errors";
import { defineRoute } from "@/server/entry/route";
import { deleteTeam } from "@/server/services/teams/delete-team";
import { getTeam } from "@/server/services/teams/list-teams";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ teamId: entityId }) });

export const GET = defineRoute(
  { name: "api.teams.get", summary: "One team (admins)", schema, permission: "team:manage" },
  async (actor, { params }) => {
    const team = await getTeam(actor, params.teamId);
    if (!team) throw new NotFoundError("Team not found");
    return team;
  },
);

export const DELETE = defineRoute(
  { name: "api.teams.delete", summary: "Delete a team (admins)", schema, permission: "team:manage" },
  (actor, { params }) => deleteTeam(actor, params, { source: "api" }),
);
