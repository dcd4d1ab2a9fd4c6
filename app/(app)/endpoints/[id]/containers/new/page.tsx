import Link from "next/link";
import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { ContainerForm } from "@/components/containers/create/ContainerForm";
import type { ContainerSpecInput } from "@/lib/container-spec";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { containerRef } from "@/lib/schemas";
import { requestActor } from "@/server/auth/request-actor";
import { getContainerSpec } from "@/server/services/containers/get-container-spec";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { formChoices } from "../../form-choices";

export const generateMetadata = endpointTitle("New container");

export const dynamic = "force-dynamic";

/** Create a container; with ?from=<container> the form starts as a copy of that container (Duplicate). */
export default async function NewContainerPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const { id } = await props.params;
  const { from } = await props.searchParams;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "container:create", { endpointId: id })) notFound();
  let initial: ContainerSpecInput | undefined;
  let problem: string | null = null;
  const source = typeof from === "string" ? containerRef.safeParse(from) : null;
  if (source?.success) {
    try {
      initial = await getContainerSpec(actor, { endpointId: id, containerId: source.data });
    } catch (err) {
      problem = err instanceof UserError ? err.message : "The container could not be read";
    }
  }
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/endpoints/${encodeURIComponent(id)}/containers`} className="hover:underline">
          ← Containers on {endpoint.name}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">
        {initial ? `Duplicate container ${String(initial.name ?? "").replace(/-copy$/, "")}` : "Create container"} on{" "}
        {endpoint.name}
      </h1>
      {problem && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          Could not copy the container: {problem}
        </p>
      )}
      <ContainerForm endpointId={id} initial={initial} {...(await formChoices(actor, id))} />
    </>
  );
}
