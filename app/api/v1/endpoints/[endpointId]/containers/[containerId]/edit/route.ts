import { z } from "zod";
import { containerSpec } from "@/lib/container-spec";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { editContainer } from "@/server/services/containers/edit-container";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  body: z.object({ spec: containerSpec }),
});

/**
 * POST /api/v1/endpoints/{endpointId}/containers/{containerId}/edit {"spec": {...}}: the container, under the same
 * name, gets the spec's settings (replaced, or updated in place when only the restart policy and limits change).
 */
export const POST = defineRoute(
  {
    name: "api.containers.edit",
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) => editContainer(actor, { ...params, spec: body.spec }, { source: "api" }),
);
