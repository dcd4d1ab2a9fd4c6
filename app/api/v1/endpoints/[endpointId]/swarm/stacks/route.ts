import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { stacksOf } from "@/lib/swarm";
import { deployStackInput } from "@/lib/swarm-schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { deployStack } from "@/server/services/swarm/deploy-stack";
import { listSwarm } from "@/server/services/swarm/list-swarm";

export const dynamic = "force-dynamic";

/** GET .../swarm/stacks: stacks as `docker stack ls` sees them (services grouped by their namespace label). */
export const GET = defineRoute(
  {
    name: "api.swarm.stacks.list",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "swarm:read",
    resource: onEndpoint,
  },
  (actor, { params }) => stacksOf(listSwarm(actor, params.endpointId, "services")),
);

/** POST .../swarm/stacks with { stack, compose, env? }: create or update the stack (`docker stack deploy`). */
export const POST = defineRoute(
  {
    name: "api.swarm.stacks.deploy",
    schema: z.object({ params: z.object({ endpointId }), body: z.unknown() }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  (actor, { params, body }) =>
    deployStack(
      actor,
      parseInput(deployStackInput, {
        ...(body && typeof body === "object" ? body : {}),
        endpointId: params.endpointId,
      }),
      { source: "api" },
    ),
);
