import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { NetworkDetailView } from "@/components/networks/NetworkDetailView";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { InspectJson } from "@/components/resources/InspectJson";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { networkDetail } from "@/lib/resource-detail";
import { networkRef } from "@/lib/resource-schemas";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { inspectNetwork } from "@/server/services/networks/list-networks";

export const generateMetadata = endpointTitle("Networks", "networkId");

export const dynamic = "force-dynamic";

export default async function NetworkDetailPage({ params }: { params: Promise<{ id: string; networkId: string }> }) {
  const { id, networkId } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  const ref = networkRef.safeParse(decodeURIComponent(networkId));
  if (!endpoint || !actor || !ref.success) notFound();
  let info: unknown;
  try {
    info = await inspectNetwork(actor, id, ref.data);
  } catch (err) {
    if (err instanceof UserError) notFound();
    throw err;
  }
  const detail = networkDetail(info);
  const canManage = can(actor, "network:manage", { endpointId: id });
  const containers =
    canManage && can(actor, "container:read", { endpointId: id })
      ? listContainers(actor, id).map((c) => ({ id: c.id, name: c.name }))
      : [];
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold break-all">
        Network {detail.name || ref.data} on {endpoint.name}
      </h1>
      <EndpointNav endpointId={id} current="networks" />
      <NetworkDetailView endpointId={id} network={detail} containers={containers} canManage={canManage} />
      <h2 className="mt-8 mb-2 text-lg font-semibold">Inspect</h2>
      <InspectJson label="Network inspect" value={info} />
    </>
  );
}
