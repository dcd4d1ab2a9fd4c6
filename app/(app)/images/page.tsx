import { ImagesTable } from "@/components/images/ImagesTable";
import { AcrossErrors } from "@/components/resources/AcrossErrors";
import { EndpointLinks } from "@/components/resources/EndpointLinks";
import { requestActor } from "@/server/auth/request-actor";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";
import { listImagesAcross } from "@/server/services/images/list-images";

export const metadata = { title: "Images · All endpoints" };

export const dynamic = "force-dynamic";

/** Images of every endpoint the user may read; changes happen on each endpoint's own page. */
export default async function AllImagesPage() {
  const actor = await requestActor();
  const { items, errors } = await listImagesAcross(actor);
  const endpoints = listEndpoints(actor);
  const names = Object.fromEntries(endpoints.map((e) => [e.id, e.name]));
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Images on all endpoints</h1>
      <EndpointLinks endpoints={endpoints} section="images" />
      <AcrossErrors errors={errors} />
      <ImagesTable images={items} endpointNames={names} canManage={false} />
    </>
  );
}
