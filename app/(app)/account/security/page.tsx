import { notFound } from "next/navigation";
import { TwoFactorSetup } from "@/components/account/TwoFactorSetup";
import { requestActor } from "@/server/auth/request-actor";
import { twoFactorEnabled } from "@/server/services/account/two-factor";

export const metadata = { title: "Two-factor" };

export const dynamic = "force-dynamic";

export default async function SecurityPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Two-factor sign-in</h1>
      <TwoFactorSetup enabled={await twoFactorEnabled(actor)} />
    </>
  );
}
