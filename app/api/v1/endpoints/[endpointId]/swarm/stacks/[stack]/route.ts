import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { stackName } from "@/lib/swarm-schemas";
import { onEndpoint } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { removeStack } from "@/server/services/swarm/remove-stack";

export const dynamic = "force-dynamic";

/** DELETE .../swarm/stacks/{stack}: `docker stack rm`. */
export const DELETE = defineRoute(
  {
    name: "api.swarm.stacks.remove",
    schema: z.object({ params: z.object({ endpointId, stack: stackName }) }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  (actor, { params }) => removeStack(actor, params, { source: "api" }),
);
