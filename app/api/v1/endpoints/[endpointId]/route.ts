import { z } from "zod";
import { endpointConnection, endpointName } from "@/lib/endpoint-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { getEndpointSettings } from "@/server/services/endpoints/get-endpoint-settings";
import { removeEndpoint } from "@/server/services/endpoints/remove-endpoint";
import { updateEndpoint } from "@/server/services/endpoints/update-endpoint";

export const dynamic = "force-dynamic";

const params = z.object({ endpointId });
const query = z.object({}).passthrough();

/** Settings of one endpoint for editing: which credentials are stored, never their values. */
export const GET = defineRoute(
  {
    name: "api.endpoints.settings",
    summary: "Settings of an endpoint for editing (admins): which credentials are stored, never their values",
    schema: z.object({ params, query }),
    permission: "endpoint:manage",
  },
  (actor, input) => getEndpointSettings(actor, input.params.endpointId),
);

export const PATCH = defineRoute(
  {
    name: "api.endpoints.update",
    summary: "Edit an endpoint (admins). Empty credential fields keep the stored ones; tested before saving",
    schema: z.object({ params, query, body: z.object({ name: endpointName, connection: endpointConnection }) }),
    permission: "endpoint:manage",
  },
  (actor, input) => updateEndpoint(actor, { endpointId: input.params.endpointId, ...input.body }, { source: "api" }),
);

export const DELETE = defineRoute(
  {
    name: "api.endpoints.remove",
    summary: "Remove an endpoint (admins); its session stops. The engine itself is not touched",
    schema: z.object({ params, query }),
    permission: "endpoint:manage",
  },
  async (actor, input) => {
    await removeEndpoint(actor, { endpointId: input.params.endpointId }, { source: "api" });
  },
);
