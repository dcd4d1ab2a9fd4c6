import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listImages } from "@/server/services/images/list-images";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId }) });

/** GET /api/v1/endpoints/{endpointId}/images */
export const GET = defineRoute(
  {
    name: "api.images.list",
    summary: "All images, with the containers using each of an endpoint",
    schema,
    permission: "image:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listImages(actor, input.params.endpointId),
);
