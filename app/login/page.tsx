import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeNext } from "@/lib/safe-next";
import { requestActor } from "@/server/auth/request-actor";

export const metadata = { title: "Sign in" };

export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  // Only a target on Berth's own origin, as a path: never an open redirect (both here and after the form).
  const next = safeNext((await searchParams).next, process.env.NEXTAUTH_URL);
  if (await requestActor()) redirect(next);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to Berth</h1>
      <SignInForm next={next} />
    </main>
  );
}
