"use server";

import { createTeamInput, removeGrantInput, setGrantInput, teamMemberInput, teamRefInput } from "@/lib/access-schemas";
import { defineAction } from "@/server/entry/action";
import { removeGrant } from "@/server/services/grants/remove-grant";
import { setGrant } from "@/server/services/grants/set-grant";
import { addTeamMember } from "@/server/services/teams/add-team-member";
import { createTeam } from "@/server/services/teams/create-team";
import { deleteTeam } from "@/server/services/teams/delete-team";
import { removeTeamMember } from "@/server/services/teams/remove-team-member";

const ui = { source: "ui" };

export const createTeamAction = defineAction(
  { name: "teams.create", schema: createTeamInput, permission: "team:manage" },
  async (actor, input) => {
    await createTeam(actor, input, ui);
  },
);
export const deleteTeamAction = defineAction(
  { name: "teams.delete", schema: teamRefInput, permission: "team:manage" },
  (actor, input) => deleteTeam(actor, input, ui),
);
export const addTeamMemberAction = defineAction(
  { name: "teams.add_member", schema: teamMemberInput, permission: "team:manage" },
  (actor, input) => addTeamMember(actor, input, ui),
);
export const removeTeamMemberAction = defineAction(
  { name: "teams.remove_member", schema: teamMemberInput, permission: "team:manage" },
  (actor, input) => removeTeamMember(actor, input, ui),
);
export const setGrantAction = defineAction(
  {
    name: "grants.set",
    schema: setGrantInput,
    permission: "grant:manage",
    resource: (i) => ({ endpointId: i.endpointId }),
  },
  (actor, input) => setGrant(actor, input, ui),
);
export const removeGrantAction = defineAction(
  {
    name: "grants.remove",
    schema: removeGrantInput,
    permission: "grant:manage",
    resource: (i) => ({ endpointId: i.endpointId }),
  },
  (actor, input) => removeGrant(actor, input, ui),
);
