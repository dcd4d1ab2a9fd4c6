import { z } from "zod";
import { createContainerInput } from "@/lib/container-spec";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { createContainer } from "@/server/services/containers/create-container";
import { listContainers } from "@/server/services/containers/list-containers";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId }) });

export const GET = defineRoute(
  {
    name: "api.containers.list",
    summary: "All containers of an endpoint (running and stopped)",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listContainers(actor, input.params.endpointId),
);

const createSchema = z.object({
  params: z.object({ endpointId }),
  body: createContainerInput.omit({ endpointId: true }),
});

/** POST /api/v1/endpoints/{endpointId}/containers: create (and by default start) a container. */
export const POST = defineRoute(
  {
    name: "api.containers.create",
    summary:
      "Create (and by default start) a container, pulling its image if missing. Non-admins are held to the admin's container restrictions; a refusal (403) names the rule.",
    schema: createSchema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) => createContainer(actor, { ...body, endpointId: params.endpointId }, { source: "api" }),
);
