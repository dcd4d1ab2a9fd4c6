import { notFound } from "next/navigation";
import { AlertsView } from "@/components/alerts/AlertsView";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listChannelChoices, listChannels } from "@/server/services/alerts/manage-channels";
import { listRules } from "@/server/services/alerts/manage-rules";
import { listDeliveries } from "@/server/services/alerts/outbox";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const metadata = { title: "Alerts" };

export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  const actor = await requestActor();
  if (!actor) notFound();
  const endpoints = listEndpoints(actor).filter((e) => e.kind === "docker");
  const rules = (await Promise.all(endpoints.map((e) => listRules(actor, e.id)))).flat();
  const admin = can(actor, "alert:channels");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Alerts</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Rules watch each endpoint&apos;s live events, health, image update checks and container usage. A problem sends
        one message when it starts and one when it is resolved (after the rule&apos;s cooldown); recurrences in between
        join the same incident. Quiet hours hold messages until they end.
      </p>
      <AlertsView
        rules={rules}
        endpoints={endpoints.map((e) => ({ id: e.id, name: e.name }))}
        writable={endpoints.filter((e) => can(actor, "alert:rules", { endpointId: e.id })).map((e) => e.id)}
        channelChoices={await listChannelChoices(actor)}
        channels={admin ? await listChannels(actor) : null}
        deliveries={admin ? await listDeliveries(actor, 100) : null}
      />
    </>
  );
}
