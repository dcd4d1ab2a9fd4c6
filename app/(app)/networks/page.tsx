import { NetworksTable } from "@/components/networks/NetworksView";
import { AcrossErrors } from "@/components/resources/AcrossErrors";
import { EndpointLinks } from "@/components/resources/EndpointLinks";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { listNetworksAcross } from "@/server/services/networks/list-networks";

export const metadata = { title: "Networks · All endpoints" };

export const dynamic = "force-dynamic";

export default async function AllNetworksPage() {
  const actor = await requestActor();
  const { items, errors } = await listNetworksAcross(actor);
  const endpoints = listEndpoints(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Networks on all endpoints</h1>
      <EndpointLinks endpoints={endpoints} section="networks" />
      <AcrossErrors errors={errors} />
      <NetworksTable
        networks={items}
        endpointNames={Object.fromEntries(endpoints.map((e) => [e.id, e.name]))}
        canManage={false}
      />
    </>
  );
}
