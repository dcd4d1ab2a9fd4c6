import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { getContainerSpec } from "@/server/services/containers/get-container-spec";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  /** for=edit: the spec under the container's own name, as the edit route takes it (else a "-copy" to duplicate). */
  query: z.object({ for: z.enum(["duplicate", "edit"]).default("duplicate") }),
});

/** GET /api/v1/endpoints/{endpointId}/containers/{containerId}/spec[?for=edit]: a create spec made from the container. */
export const GET = defineRoute(
  {
    name: "api.containers.spec",
    summary:
      'A create spec made from an existing container: what Duplicate pre-fills (name + "-copy"), or with for=edit what Edit pre-fills (the container\'s own name)',
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, query }) => getContainerSpec(actor, params, query.for),
);
