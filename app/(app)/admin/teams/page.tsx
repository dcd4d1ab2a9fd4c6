import { forbidden, notFound } from "next/navigation";
import { TeamsAdmin } from "@/components/admin/TeamsAdmin";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listGrantableEndpoints } from "@/server/services/grants/list-grantable-endpoints";
import { listTeams } from "@/server/services/teams/list-teams";
import { listUsers } from "@/server/services/users/list-users";

export const metadata = { title: "Teams" };

export const dynamic = "force-dynamic";

export default async function TeamsPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "team:manage")) forbidden();
  const [teams, users, endpoints] = await Promise.all([
    listTeams(actor),
    listUsers(actor),
    listGrantableEndpoints(actor),
  ]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Teams</h1>
      <TeamsAdmin teams={teams} users={users.map(({ id, username }) => ({ id, username }))} endpoints={endpoints} />
    </>
  );
}
