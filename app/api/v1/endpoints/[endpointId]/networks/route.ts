import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listNetworks } from "@/server/services/networks/list-networks";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/networks */
export const GET = defineRoute(
  {
    name: "api.networks.list",
    summary: "All networks, with attached containers and aliases of an endpoint",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "network:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listNetworks(actor, input.params.endpointId),
);
