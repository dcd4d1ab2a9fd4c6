import { z } from "zod";
import { createTeamInput } from "@/lib/access-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { createTeam } from "@/server/services/teams/create-team";
import { listTeams } from "@/server/services/teams/list-teams";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    name: "api.teams.list",
    summary: "All teams with members and grants (admins)",
    schema: noInput,
    permission: "team:manage",
  },
  (actor) => listTeams(actor),
);

export const POST = defineRoute(
  {
    name: "api.teams.create",
    summary: "Create a team (admins)",
    schema: z.object({ body: createTeamInput }),
    permission: "team:manage",
  },
  async (actor, { body }) => Response.json(await createTeam(actor, body, { source: "api" }), { status: 201 }),
);
