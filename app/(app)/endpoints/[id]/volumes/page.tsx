import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { VolumesView } from "@/components/volumes/VolumesView";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { VolumeSummary } from "@/lib/resources";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { listVolumes } from "@/server/services/volumes/volumes";

export const generateMetadata = endpointTitle("Volumes");

export const dynamic = "force-dynamic";

export default async function VolumesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "volume:read", { endpointId: id })) notFound();
  let volumes: VolumeSummary[] = [];
  let error: string | null = null;
  try {
    volumes = await listVolumes(actor, id);
  } catch (err) {
    error = err instanceof UserError ? err.message : "The volumes could not be listed";
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Volumes on {endpoint.name}</h1>
      <EndpointNav endpointId={id} current="volumes" />
      {error && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <VolumesView endpointId={id} volumes={volumes} canManage={can(actor, "volume:manage", { endpointId: id })} />
    </>
  );
}
