import { z } from "zod";
import { containerName } from "@/lib/container-spec";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { renameContainer } from "@/server/services/containers/rename-container";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  body: z.object({ name: containerName }),
});

/** POST /api/v1/endpoints/{endpointId}/containers/{containerId}/rename {"name": "..."} */
export const POST = defineRoute(
  {
    name: "api.containers.rename",
    summary: "Rename a container",
    schema,
    permission: "container:operate",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  async (actor, { params, body }) => {
    await renameContainer(actor, { ...params, name: body.name }, { source: "api" });
  },
);
