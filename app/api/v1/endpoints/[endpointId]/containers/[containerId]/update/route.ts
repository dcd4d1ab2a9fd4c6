import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { DEFAULT_GRACE_SECONDS } from "@/lib/updates";
import { defineRoute } from "@/server/entry/route";
import { updateContainer } from "@/server/services/updates/update-container";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  body: z
    .object({ graceSeconds: z.number().int().min(1).max(600).default(DEFAULT_GRACE_SECONDS) })
    .default({ graceSeconds: DEFAULT_GRACE_SECONDS }),
});

/**
 * POST /api/v1/endpoints/{endpointId}/containers/{containerId}/update {"graceSeconds": 30}: pull the container's tag
 * and recreate it on the new image; rolled back (409, saying so) when the new container is not healthy in time.
 */
export const POST = defineRoute(
  {
    name: "api.containers.update",
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) =>
    updateContainer(actor, { ...params, graceSeconds: body.graceSeconds }, { source: "api" }),
);
