"use server";

import { nodeInput, updateNodeInput } from "@/lib/swarm-schemas";
import { defineAction } from "@/server/entry/action";
import { removeNode } from "@/server/services/swarm/remove-node";
import { updateNode } from "@/server/services/swarm/update-node";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const updateNodeAction = defineAction(
  { name: "swarm.nodes.update", schema: updateNodeInput, permission: "swarm:nodes", resource: onEndpoint },
  (actor, input) => updateNode(actor, input, ui),
);

export const removeNodeAction = defineAction(
  { name: "swarm.nodes.remove", schema: nodeInput, permission: "swarm:nodes", resource: onEndpoint },
  (actor, input) => removeNode(actor, input, ui),
);
