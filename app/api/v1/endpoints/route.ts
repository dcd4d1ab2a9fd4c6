import { z } from "zod";
import { createEndpointInput } from "@/lib/endpoint-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { createEndpoint } from "@/server/services/endpoints/create-endpoint";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    name: "api.endpoints.list",
    summary: "Endpoints the caller may see, with live health",
    schema: noInput,
    permission: "authenticated",
  },
  (actor) => listEndpoints(actor),
);

export const POST = defineRoute(
  {
    name: "api.endpoints.create",
    summary: "Add a Docker endpoint (admins). The connection is tested first; credentials are stored sealed",
    schema: z.object({ params: z.object({}), query: z.object({}).passthrough(), body: createEndpointInput }),
    permission: "endpoint:manage",
  },
  (actor, input) => createEndpoint(actor, input.body, { source: "api" }),
);
