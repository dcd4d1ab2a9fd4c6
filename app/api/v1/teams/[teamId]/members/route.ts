import { z } from "zod";
import { entityId } from "@/lib/access-schemas";
import { defineRoute } from "@/server/entry/route";
import { addTeamMember } from "@/server/services/teams/add-team-member";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ teamId: entityId }), body: z.object({ userId: entityId }) });

/** POST /api/v1/teams/{teamId}/members {userId} */
export const POST = defineRoute(
  { name: "api.teams.add_member", summary: "Add a user to a team (admins)", schema, permission: "team:manage" },
  (actor, { params, body }) => addTeamMember(actor, { teamId: params.teamId, userId: body.userId }, { source: "api" }),
);
