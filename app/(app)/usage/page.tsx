import { UsageHistoryView } from "@/components/usage/UsageHistoryView";
import { can } from "@/lib/policy";
import { usageQuery } from "@/lib/usage-history";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { getUsage } from "@/server/services/usage/get-usage";

export const metadata = { title: "Usage" };

export const dynamic = "force-dynamic";

export default async function UsagePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requestActor();
  const sp = await props.searchParams;
  const admin = can(actor, "settings:manage");
  const parsed = usageQuery.safeParse({
    group: typeof sp.group === "string" ? sp.group : undefined,
    range: typeof sp.range === "string" ? sp.range : undefined,
    endpointId: typeof sp.endpointId === "string" && sp.endpointId ? sp.endpointId : undefined,
  });
  const q = parsed.success ? parsed.data : usageQuery.parse({});
  if (q.group === "team" && !can(actor, "team:manage")) q.group = "endpoint";
  const endpoints = listEndpoints(actor).filter((e) => can(actor, "container:read", { endpointId: e.id }));
  const view = await getUsage(actor, q);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Usage</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        CPU and memory of running containers, one point per minute, kept 7 days, on endpoints where an admin switched
        recording on. A team&apos;s usage is that of the endpoints it has a grant on.
      </p>
      <UsageHistoryView
        view={view}
        endpoints={endpoints.map((e) => ({ id: e.id, name: e.name }))}
        endpointId={q.endpointId ?? ""}
        admin={admin}
      />
    </>
  );
}
