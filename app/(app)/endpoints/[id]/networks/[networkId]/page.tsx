import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { InspectJson } from "@/components/resources/InspectJson";
import { UserError } from "@/lib/errors";
import { networkRef } from "@/lib/resource-schemas";
import { requestActor } from "@/server/auth/request-actor";
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
  let info: { Name?: string };
  try {
    info = (await inspectNetwork(actor, id, ref.data)) as { Name?: string };
  } catch (err) {
    if (err instanceof UserError) notFound();
    throw err;
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        Network {info.Name ?? ref.data} on {endpoint.name}
      </h1>
      <EndpointNav endpointId={id} current="networks" />
      <InspectJson label="Network inspect" value={info} />
    </>
  );
}
