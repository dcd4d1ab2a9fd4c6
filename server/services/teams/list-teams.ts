import { listTeams as queryTeams, teamGrants, teamMembers } from "@/db/access-queries";
import { listEndpoints as queryEndpoints } from "@/db/queries";
import type { TeamView } from "@/lib/access-views";
import { parseNamespaces } from "@/lib/actor-grants";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

export type { TeamView };

/** Every team with its members and grants (admins). */
export async function listTeams(actor: Actor | null): Promise<TeamView[]> {
  authorize(actor, "team:manage");
  const { db } = runtime();
  const teams = await queryTeams(db);
  const ids = teams.map((t) => t.id);
  const [members, grants, endpoints] = await Promise.all([
    teamMembers(db, ids),
    teamGrants(db, ids),
    queryEndpoints(db),
  ]);
  const names = new Map(endpoints.map((e) => [e.id, e.name]));
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    members: members.filter((m) => m.teamId === t.id).map(({ userId, username }) => ({ userId, username })),
    grants: grants
      .filter((g) => g.teamId === t.id)
      .map((g) => {
        const namespaces = parseNamespaces(g.namespaces);
        return {
          endpointId: g.endpointId,
          endpointName: names.get(g.endpointId) ?? g.endpointId,
          role: g.role === "operator" ? ("operator" as const) : ("viewer" as const),
          ...(namespaces ? { namespaces } : {}),
        };
      }),
  }));
}

export async function getTeam(actor: Actor | null, teamId: string): Promise<TeamView | undefined> {
  return (await listTeams(actor)).find((t) => t.id === teamId);
}
