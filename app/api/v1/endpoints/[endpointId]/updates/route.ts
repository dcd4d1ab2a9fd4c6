import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { checkEndpointUpdates, listUpdates } from "@/server/services/updates/check-endpoint-updates";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId }) });
const resource = (i: z.infer<typeof schema>) => ({ endpointId: i.params.endpointId });

/** GET /api/v1/endpoints/{endpointId}/updates: the last image update check of each container. */
export const GET = defineRoute(
  { name: "api.updates.list", schema, permission: "container:read", resource },
  (actor, { params }) => listUpdates(actor, params.endpointId),
);

/** POST /api/v1/endpoints/{endpointId}/updates: check every container's image against its registry now. */
export const POST = defineRoute(
  { name: "api.updates.check", schema, permission: "container:operate", resource },
  (actor, { params }) => checkEndpointUpdates(actor, params, { source: "api" }),
);
