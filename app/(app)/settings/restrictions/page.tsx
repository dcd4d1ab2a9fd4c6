import { forbidden, notFound } from "next/navigation";
import { RestrictionsForm } from "@/components/settings/RestrictionsForm";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getContainerRestrictions } from "@/server/services/settings/container-restrictions";

export const metadata = { title: "Settings" };

export const dynamic = "force-dynamic";

export default async function RestrictionsPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "settings:manage")) forbidden();
  const current = await getContainerRestrictions(actor);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Container restrictions</h1>
      <p className="mb-4 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        What users who are not admins may not ask for when they create or recreate a container. Each of these can hand
        over the host, so all are restricted by default. Admins are never restricted.
      </p>
      <RestrictionsForm initial={current} />
    </>
  );
}
