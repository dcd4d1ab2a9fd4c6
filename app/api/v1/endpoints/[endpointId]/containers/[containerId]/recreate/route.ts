import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { recreateContainer } from "@/server/services/containers/recreate-container";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  body: z.object({ pull: z.boolean().default(false) }).default({ pull: false }),
});

/** POST /api/v1/endpoints/{endpointId}/containers/{containerId}/recreate {"pull": true|false} */
export const POST = defineRoute(
  {
    name: "api.containers.recreate",
    summary: "Recreate a container from its own settings, optionally pulling its image first; rolls back on failure",
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) => recreateContainer(actor, { ...params, pull: body.pull }, { source: "api" }),
);
