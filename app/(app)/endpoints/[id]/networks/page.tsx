import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { NetworksView } from "@/components/networks/NetworksView";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { NetworkSummary } from "@/lib/resources";
import { servicesByNetwork } from "@/lib/swarm";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { endpointSwarmActive, listNetworks } from "@/server/services/networks/list-networks";
import { listSwarm } from "@/server/services/swarm/list-swarm";

export const generateMetadata = endpointTitle("Networks");

export const dynamic = "force-dynamic";

export default async function NetworksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "network:read", { endpointId: id })) notFound();
  let networks: NetworkSummary[] = [];
  let swarm = false;
  let error: string | null = null;
  try {
    [networks, swarm] = await Promise.all([listNetworks(actor, id), endpointSwarmActive(actor, id)]);
  } catch (err) {
    error = err instanceof UserError ? err.message : "The networks could not be listed";
  }
  const containers = can(actor, "container:read", { endpointId: id })
    ? listContainers(actor, id).map((c) => ({ id: c.id, name: c.name }))
    : [];
  // A manager's overlay networks span the swarm: show the services on them (their tasks run on any node).
  const services =
    swarm && can(actor, "swarm:read", { endpointId: id })
      ? servicesByNetwork(networks, listSwarm(actor, id, "services"))
      : undefined;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Networks on {endpoint.name}</h1>
      <EndpointNav endpointId={id} current="networks" />
      {error && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <NetworksView
        endpointId={id}
        networks={networks}
        containers={containers}
        swarm={swarm}
        services={services}
        canManage={can(actor, "network:manage", { endpointId: id })}
      />
    </>
  );
}
