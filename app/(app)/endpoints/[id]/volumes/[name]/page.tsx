import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { InspectJson } from "@/components/resources/InspectJson";
import { UserError } from "@/lib/errors";
import { volumeName } from "@/lib/resource-schemas";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { inspectVolume } from "@/server/services/volumes/volumes";

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
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">
        Volume {ref.data} on {endpoint.name}
      </h1>
      <EndpointNav endpointId={id} current="volumes" />
      <InspectJson label="Volume inspect" value={info} />
    </>
  );
}
