import Link from "next/link";
import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { ContainerListPage } from "@/components/containers/list/ContainerListPage";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { listContainers } from "@/server/services/containers/list-containers";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";

export const generateMetadata = endpointTitle("Containers");

export const dynamic = "force-dynamic";

/** The same list as /containers with the endpoint fixed. */
export default async function ContainersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor) notFound();
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Containers on {endpoint.name}</h1>
        {can(actor, "container:create", { endpointId: id }) && (
          <Link
            href={`/endpoints/${encodeURIComponent(id)}/containers/new`}
            className="ml-auto rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            Create container
          </Link>
        )}
      </div>
      <EndpointNav endpointId={id} current="containers" capabilities={endpoint.capabilities} />
      <ContainerListPage
        endpoints={[endpoint]}
        initial={{ [id]: listContainers(actor, id) }}
        operable={can(actor, "container:operate", { endpointId: id }) ? [id] : []}
        creatable={can(actor, "container:create", { endpointId: id }) ? [id] : []}
        fixedEndpoint={id}
      />
    </>
  );
}
