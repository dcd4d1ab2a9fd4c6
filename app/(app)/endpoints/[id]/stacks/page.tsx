import Link from "next/link";
import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { StacksList } from "@/components/stacks/StacksList";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { listStackRecords } from "@/server/services/stacks/stack-records";

export const generateMetadata = endpointTitle("Stacks");

export const dynamic = "force-dynamic";

export default async function StacksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:read", { endpointId: id })) notFound();
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Stacks on {endpoint.name}</h1>
        {can(actor, "container:create", { endpointId: id }) && (
          <Link
            href={`/endpoints/${encodeURIComponent(id)}/stacks/new`}
            className="ml-auto rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            Create stack
          </Link>
        )}
      </div>
      <EndpointNav endpointId={id} current="stacks" capabilities={endpoint.capabilities} />
      <StacksList
        endpoints={[endpoint]}
        initial={{ [id]: listContainers(actor, id) }}
        records={await listStackRecords(actor, id)}
        operable={can(actor, "container:operate", { endpointId: id }) ? [id] : []}
        showEndpoint={false}
      />
    </>
  );
}
