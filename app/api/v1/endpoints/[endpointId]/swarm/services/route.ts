import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { serviceForm } from "@/lib/swarm-schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { createService } from "@/server/services/swarm/create-service";
import { listSwarm } from "@/server/services/swarm/list-swarm";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/swarm/services */
export const GET = defineRoute(
  {
    name: "api.swarm.services.list",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "swarm:read",
    resource: onEndpoint,
  },
  (actor, { params }) => listSwarm(actor, params.endpointId, "services"),
);

/** POST .../swarm/services with the service form as the body (see lib/swarm-schemas.ts `serviceForm`). */
export const POST = defineRoute(
  {
    name: "api.swarm.services.create",
    schema: z.object({ params: z.object({ endpointId }), body: z.unknown() }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  async (actor, { params, body }) => {
    const service = parseInput(serviceForm, body);
    const created = await createService(actor, { endpointId: params.endpointId, service }, { source: "api" });
    return Response.json(created, { status: 201 });
  },
);
