import Link from "next/link";
import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { ContainerHeader } from "@/components/workbench/ContainerHeader";
import { ContainerWorkbench } from "@/components/workbench/ContainerWorkbench";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { inspectContainer, topContainer } from "@/server/services/workbench/inspect-container";

export const generateMetadata = endpointTitle("Containers", "containerId");

export const dynamic = "force-dynamic";

export default async function ContainerPage({ params }: { params: Promise<{ id: string; containerId: string }> }) {
  const { id, containerId } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor) notFound();
  let data: Awaited<ReturnType<typeof inspectContainer>>;
  try {
    data = await inspectContainer(actor, { endpointId: id, containerId });
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    return (
      <p
        role="alert"
        className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
      >
        {err instanceof UserError ? err.message : "The container could not be read"}
      </p>
    );
  }
  const { overview } = data;
  const top = overview.running
    ? await topContainer(actor, { endpointId: id, containerId: overview.id }).catch(() => null)
    : { titles: [], processes: [] };
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href={`/endpoints/${endpoint.id}/containers`} className="hover:underline">
          Containers on {endpoint.name}
        </Link>
      </p>
      <ContainerHeader
        endpointId={endpoint.id}
        overview={overview}
        canOperate={can(actor, "container:operate", { endpointId: id })}
        canCreate={can(actor, "container:create", { endpointId: id })}
      />
      <ContainerWorkbench
        endpointId={endpoint.id}
        overview={overview}
        top={top}
        inspectJson={JSON.stringify(data.inspect, null, 2)}
        secretsVisible={data.secretsVisible}
        canExec={can(actor, "container:exec", { endpointId: id })}
      />
    </>
  );
}
