import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { redeployService } from "@/server/services/swarm/redeploy-service";
import { rollbackService } from "@/server/services/swarm/rollback-service";
import { scaleService } from "@/server/services/swarm/scale-service";

export const dynamic = "force-dynamic";

const api = { source: "api" };

/** POST .../swarm/services/{serviceId}/{scale|redeploy|rollback}; scale takes { replicas }. */
export const POST = defineRoute(
  {
    name: "api.swarm.services.op",
    schema: z.object({
      params: z.object({
        endpointId,
        serviceId: z.string().min(1).max(128),
        op: z.enum(["scale", "redeploy", "rollback"]),
      }),
      body: z.unknown(),
    }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  async (actor, { params: p, body }) => {
    const target = { endpointId: p.endpointId, serviceId: p.serviceId };
    switch (p.op) {
      case "scale": {
        const { replicas } = parseInput(z.object({ replicas: z.coerce.number().int().min(0).max(1000) }), body);
        return scaleService(actor, { ...target, replicas }, api);
      }
      case "redeploy":
        return redeployService(actor, target, api);
      case "rollback":
        return rollbackService(actor, target, api);
    }
  },
);
