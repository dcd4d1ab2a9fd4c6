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
import { formChoices } from "../../../form-choices";

export const generateMetadata = endpointTitle("Edit container", "containerId");

export const dynamic = "force-dynamic";

/** Edit a container: the create form pre-filled from it; saving replaces it under the same name. */
export default async function EditContainerPage(props: { params: Promise<{ id: string; containerId: string }> }) {
  const { id, containerId } = await props.params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  const ref = containerRef.safeParse(containerId);
  if (
    !endpoint ||
    !actor ||
    !ref.success ||
    !can(actor, "container:create", { endpointId: id }) ||
    !can(actor, "container:operate", { endpointId: id })
  )
    notFound();
  let initial: ContainerSpecInput;
  try {
    initial = await getContainerSpec(actor, { endpointId: id, containerId: ref.data }, "edit");
  } catch (err) {
    if (err instanceof UserError && err.status === 404) notFound();
    return (
      <p
        role="alert"
        className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
      >
        Could not read the container: {err instanceof UserError ? err.message : "unknown error"}
      </p>
    );
  }
  const name = String(initial.name ?? "");
  const label = (key: string) => initial.labels?.find((l) => l.key === key)?.value;
  const project = label("com.docker.compose.project");
  const service = label("com.docker.compose.service");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/endpoints/${encodeURIComponent(id)}/containers`} className="hover:underline">
          ← Containers on {endpoint.name}
        </Link>
      </p>
      <h1 className="mb-2 text-2xl font-semibold">
        Edit container {name} on {endpoint.name}
      </h1>
      <p className="mb-4 max-w-4xl text-sm text-slate-600 dark:text-slate-400">
        Saving replaces the container with a new one of these settings under the same name (settings this form does not
        show are kept), and starts it if this one is running. If any step fails, this container is put back as it was. A
        change of only the restart policy or the memory and CPU limits is applied in place.
      </p>
      {project && (
        <p
          role="note"
          className="mb-4 max-w-4xl rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <strong>Managed by Compose:</strong> this container belongs to the compose project <code>{project}</code>
          {service ? (
            <>
              {" "}
              (service <code>{service}</code>)
            </>
          ) : null}
          . The next <code>docker compose up</code> of that project puts back what its compose file says: make lasting
          changes there.
        </p>
      )}
      <ContainerForm
        endpointId={id}
        initial={initial}
        edit={{ containerId: ref.data, name }}
        {...(await formChoices(actor, id))}
      />
    </>
  );
}
