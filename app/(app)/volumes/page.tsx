import { AcrossErrors } from "@/components/resources/AcrossErrors";
import { EndpointLinks } from "@/components/resources/EndpointLinks";
import { VolumesTable } from "@/components/volumes/VolumesView";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { listVolumesAcross } from "@/server/services/volumes/volumes";

export const metadata = { title: "Volumes · All endpoints" };

export const dynamic = "force-dynamic";

export default async function AllVolumesPage() {
  const actor = await requestActor();
  const { items, errors } = await listVolumesAcross(actor);
  const endpoints = listEndpoints(actor);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Volumes on all endpoints</h1>
      <EndpointLinks endpoints={endpoints} section="volumes" />
      <AcrossErrors errors={errors} />
      <VolumesTable
        volumes={items}
        endpointNames={Object.fromEntries(endpoints.map((e) => [e.id, e.name]))}
        canManage={false}
      />
    </>
  );
}
