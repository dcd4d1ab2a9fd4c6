import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { InspectJson } from "@/components/resources/InspectJson";
import { VolumeFiles } from "@/components/resources/VolumeFiles";
import { VolumeDetailView } from "@/components/volumes/VolumeDetailView";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { volumeDetail } from "@/lib/resource-detail";
import { volumeName } from "@/lib/resource-schemas";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { inspectVolume, listVolumes } from "@/server/services/volumes/volumes";

export const generateMetadata = endpointTitle("Volumes", "name");

export const dynamic = "force-dynamic";

export default async function VolumeDetailPage({ params }: { params: Promise<{ id: string; name: string }> }) {
  const { id, name } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  const ref = volumeName.safeParse(decodeURIComponent(name));
  if (!endpoint || !actor || !ref.success) notFound();
  let info: unknown;
  try {
    info = await inspectVolume(actor, id, ref.data);
  } catch (err) {
    if (err instanceof UserError) notFound();
    throw err;
  }
  // Who mounts it and its size come from the list (one /system/df); a failure there still shows the inspect.
  const summary = await listVolumes(actor, id)
    .then((all) => all.find((v) => v.name === ref.data))
    .catch(() => undefined);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold break-all">
        Volume {ref.data} on {endpoint.name}
      </h1>
      <EndpointNav endpointId={id} current="volumes" />
      <VolumeDetailView
        endpointId={id}
        volume={volumeDetail(info)}
        size={summary?.size ?? null}
        usedBy={summary?.containers ?? []}
        canManage={can(actor, "volume:manage", { endpointId: id })}
      />
      <h2 className="mt-8 mb-2 text-lg font-semibold">Inspect</h2>
      <InspectJson label="Volume inspect" value={info} />
      {can(actor, "volume:manage", { endpointId: id }) && <VolumeFiles endpointId={id} volume={ref.data} />}
    </>
  );
}
