import { forbidden, notFound } from "next/navigation";
import { UsersAdmin } from "@/components/admin/UsersAdmin";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listUsers } from "@/server/services/users/list-users";

export const metadata = { title: "Users" };

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "user:manage")) forbidden();
  const users = await listUsers(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Users</h1>
      <UsersAdmin users={users} meId={actor.id} />
    </>
  );
}
