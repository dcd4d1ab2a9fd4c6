import { notFound } from "next/navigation";
import { SetupForm } from "@/components/auth/SetupForm";
import { setupOpen, setupTokenValid } from "@/server/services/setup/create-first-admin";

export const metadata = { title: "Set up" };

export const dynamic = "force-dynamic";

export default async function SetupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  // Once an admin exists, setup is gone for good.
  if (!(await setupOpen())) notFound();
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-6 text-2xl font-semibold">Set up Berth</h1>
      {(await setupTokenValid(token)) ? (
        <SetupForm token={token} />
      ) : (
        <p role="alert">
          This setup link is missing its token or the token is not valid. Open the one-time link that Berth printed in
          its log when it started.
        </p>
      )}
    </main>
  );
}
