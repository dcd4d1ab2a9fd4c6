import { forbidden, notFound } from "next/navigation";
import { RegistriesView } from "@/components/registries/RegistriesView";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listRegistries } from "@/server/services/registries/manage-registries";

export const metadata = { title: "Registries" };

export const dynamic = "force-dynamic";

export default async function RegistriesPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  if (!can(actor, "registry:manage")) forbidden();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Registries</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Pulls of an image whose name starts with a registry&apos;s host use that registry&apos;s credentials. Passwords
        and tokens are stored encrypted and never shown again.
      </p>
      <RegistriesView registries={await listRegistries(actor)} />
    </>
  );
}
