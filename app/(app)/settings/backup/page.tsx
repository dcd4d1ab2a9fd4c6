import { notFound } from "next/navigation";
import { BackupForm } from "@/components/settings/BackupForm";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";

export const metadata = { title: "Backup" };

export const dynamic = "force-dynamic";

export default async function BackupPage() {
  const actor = await requestActor();
  if (!can(actor, "settings:manage")) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Backup</h1>
      <p className="mb-4 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        One encrypted file with everything Berth keeps: users, teams, grants, endpoints with their credentials, status
        pages, the audit log and the key that seals the credentials. It opens only with the passphrase you choose here,
        and with it it opens every credential: keep both safe. Restore it with{" "}
        <code>npm run berth -- restore FILE</code> while Berth is stopped, into SQLite or Postgres.
      </p>
      <BackupForm />
    </>
  );
}
