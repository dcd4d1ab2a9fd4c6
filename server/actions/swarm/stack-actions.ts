"use server";

import { deployStackInput, stackInput } from "@/lib/swarm-schemas";
import { defineAction } from "@/server/entry/action";
import { deployStack } from "@/server/services/swarm/deploy-stack";
import { removeStack } from "@/server/services/swarm/remove-stack";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const deployStackAction = defineAction(
  { name: "swarm.stacks.deploy", schema: deployStackInput, permission: "swarm:operate", resource: onEndpoint },
  (actor, input) => deployStack(actor, input, ui),
);

export const removeStackAction = defineAction(
  { name: "swarm.stacks.remove", schema: stackInput, permission: "swarm:operate", resource: onEndpoint },
  (actor, input) => removeStack(actor, input, ui),
);
