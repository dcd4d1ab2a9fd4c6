import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { updateNodeInput } from "@/lib/swarm-schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { removeNode } from "@/server/services/swarm/remove-node";
import { updateNode } from "@/server/services/swarm/update-node";

export const dynamic = "force-dynamic";

const api = { source: "api" };
const params = z.object({ endpointId, nodeId: z.string().min(1).max(128) });

/** PATCH .../swarm/nodes/{nodeId} with { availability?, nodeRole?, labels? } (admins only). */
export const PATCH = defineRoute(
  {
    name: "api.swarm.nodes.update",
    schema: z.object({ params, body: z.unknown() }),
    permission: "swarm:nodes",
    resource: onEndpoint,
  },
  (actor, { params: p, body }) => updateNode(actor, parseInput(updateNodeInput, { ...(body as object), ...p }), api),
);

/** DELETE .../swarm/nodes/{nodeId}: removes a node that is down (admins only). */
export const DELETE = defineRoute(
  { name: "api.swarm.nodes.remove", schema: z.object({ params }), permission: "swarm:nodes", resource: onEndpoint },
  (actor, { params: p }) => removeNode(actor, p, api),
);
