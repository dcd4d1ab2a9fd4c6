import { forbidden, notFound } from "next/navigation";
import { StatusPagesAdmin } from "@/components/status-pages/StatusPagesAdmin";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listStatusPages, listStatusSources } from "@/server/services/status-pages/list-status-pages";

export const metadata = { title: "Status pages" };

export const dynamic = "force-dynamic";

export default async function StatusPagesAdminPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "statuspage:manage")) forbidden();
  const pages = await listStatusPages(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Status pages</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        A status page shows chosen containers of any endpoints to anyone with its link, without signing in: up or down,
        health, uptime and availability over 24 hours, under the names you give them. Nothing else about them (ids,
        images, endpoints, ports) is ever shown.
      </p>
      <StatusPagesAdmin pages={pages} sources={listStatusSources(actor)} />
    </>
  );
}
