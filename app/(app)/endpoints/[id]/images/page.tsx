import { notFound } from "next/navigation";
import { endpointTitle } from "@/app/(app)/page-title";
import { ImagesView } from "@/components/images/ImagesView";
import { EndpointNav } from "@/components/resources/EndpointNav";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { ImageSummary } from "@/lib/resources";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "@/server/services/endpoints/list-endpoints";
import { listImages } from "@/server/services/images/list-images";

export const generateMetadata = endpointTitle("Images");

export const dynamic = "force-dynamic";

export default async function ImagesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requestActor();
  const endpoint = getEndpoint(actor, id);
  if (!endpoint || !actor || !can(actor, "image:read", { endpointId: id })) notFound();
  let images: ImageSummary[] = [];
  let error: string | null = null;
  try {
    images = await listImages(actor, id);
  } catch (err) {
    error = err instanceof UserError ? err.message : "The images could not be listed";
  }
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Images on {endpoint.name}</h1>
      <EndpointNav endpointId={id} current="images" />
      {error && (
        <p
          role="alert"
          className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <ImagesView endpointId={id} images={images} canManage={can(actor, "image:manage", { endpointId: id })} />
    </>
  );
}
