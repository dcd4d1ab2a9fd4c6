import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { onEndpoint } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { removeSwarmObject } from "@/server/services/swarm/remove-swarm-object";

export const dynamic = "force-dynamic";

/** DELETE .../swarm/configs/{id} (id or name); refused by the engine while a service uses it. */
export const DELETE = defineRoute(
  {
    name: "api.swarm.configs.remove",
    schema: z.object({ params: z.object({ endpointId, id: z.string().min(1).max(128) }) }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  (actor, { params }) => removeSwarmObject(actor, { ...params, kind: "config" }, { source: "api" }),
);
