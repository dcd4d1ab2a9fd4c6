import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { UpdatePoliciesView } from "@/components/updates/UpdatePoliciesView";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { listUpdates } from "@/server/services/updates/check-endpoint-updates";
import { getUpdatePolicies } from "@/server/services/updates/update-policies";

export const generateMetadata = endpointTitle("Image updates");

export const dynamic = "force-dynamic";

export default async function UpdatesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:read", { endpointId: id })) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Image updates on {endpoint.name}</h1>
      <EndpointNav endpointId={id} current="updates" capabilities={endpoint.capabilities} />
      <UpdatePoliciesView
        endpointId={id}
        policies={await getUpdatePolicies(actor, id)}
        containers={listContainers(actor, id)}
        updates={await listUpdates(actor, id)}
        canSet={can(actor, "container:create", { endpointId: id })}
        canSetWindow={can(actor, "settings:manage")}
      />
    </>
  );
}
