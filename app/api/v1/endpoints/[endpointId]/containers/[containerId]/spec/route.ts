import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { getContainerSpec } from "@/server/services/containers/get-container-spec";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId, containerId: containerRef }) });

/** GET /api/v1/endpoints/{endpointId}/containers/{containerId}/spec: a create spec made from the container. */
export const GET = defineRoute(
  {
    name: "api.containers.spec",
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params }) => getContainerSpec(actor, params),
);
