import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { createSwarmObjectInput } from "@/lib/swarm-schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { createSwarmObject } from "@/server/services/swarm/create-swarm-object";
import { listSwarm } from "@/server/services/swarm/list-swarm";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/swarm/secrets (names and labels; never a value). */
export const GET = defineRoute(
  {
    name: "api.swarm.secrets.list",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "swarm:read",
    resource: onEndpoint,
  },
  (actor, { params }) => listSwarm(actor, params.endpointId, "secrets"),
);

/** POST .../swarm/secrets with { name, value, labels? }. */
export const POST = defineRoute(
  {
    name: "api.swarm.secrets.create",
    schema: z.object({ params: z.object({ endpointId }), body: z.unknown() }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  async (actor, { params, body }) => {
    const input = parseInput(createSwarmObjectInput, {
      ...(body && typeof body === "object" ? body : {}),
      endpointId: params.endpointId,
      kind: "secret",
    });
    return Response.json(await createSwarmObject(actor, input, { source: "api" }), { status: 201 });
  },
);
