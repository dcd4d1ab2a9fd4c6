import { z } from "zod";
import { teamMemberInput } from "@/lib/access-schemas";
import { defineRoute } from "@/server/entry/route";
import { removeTeamMember } from "@/server/services/teams/remove-team-member";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute(
  {
    name: "api.teams.remove_member",
    summary: "Remove a user from a team (admins)",
    schema: z.object({ params: teamMemberInput }),
    permission: "team:manage",
  },
  (actor, { params }) => removeTeamMember(actor, params, { source: "api" }),
);
