import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { onEndpoint } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { listSwarm } from "@/server/services/swarm/list-swarm";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/swarm/tasks */
export const GET = defineRoute(
  {
    name: "api.swarm.tasks.list",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "swarm:read",
    resource: onEndpoint,
  },
  (actor, { params }) => listSwarm(actor, params.endpointId, "tasks"),
);
