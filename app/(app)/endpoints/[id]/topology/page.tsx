import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { TopologyView } from "@/components/topology/TopologyView";
import { can } from "@/lib/policy";
import { topologyElements } from "@/lib/topology";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { getTopology } from "@/server/services/topology/get-topology";

export const generateMetadata = endpointTitle("Topology");

export const dynamic = "force-dynamic";

export default async function EndpointTopologyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:read", { endpointId: id })) notFound();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Network topology of {endpoint.name}</h1>
      <TopologyView endpoints={[endpoint]} initial={{ [id]: topologyElements(getTopology(actor, id)) }} />
    </>
  );
}
