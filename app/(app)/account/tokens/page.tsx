import { notFound } from "next/navigation";
import { TokensView } from "@/components/account/TokensView";
import { requestActor } from "@/server/auth/request-actor";
import { listTokens } from "@/server/services/tokens/list-tokens";

export const metadata = { title: "API tokens" };

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  const tokens = await listTokens(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">API tokens</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        A token acts as you in the HTTP API (<code>/api/v1</code>), with your permissions and never more.
      </p>
      <TokensView tokens={tokens} now={Date.now()} />
    </>
  );
}
