import { z } from "zod";
import { eventFilterInput } from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listEvents } from "@/server/services/events/list-events";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/events?type=&action=&object=&limit= : recent events, oldest first. */
export const GET = defineRoute(
  {
    name: "api.events.list",
    summary: "Recent engine events of an endpoint (container, image, network, volume), oldest first",
    schema: z.object({ params: z.object({ endpointId }), query: eventFilterInput }),
    permission: "event:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, query }) => {
    const { limit, ...filter } = query;
    return listEvents(actor, params.endpointId, filter, limit);
  },
);
