"use server";

import { createSwarmObjectInput, swarmObjectInput } from "@/lib/swarm-schemas";
import { defineAction } from "@/server/entry/action";
import { createSwarmObject } from "@/server/services/swarm/create-swarm-object";
import { removeSwarmObject } from "@/server/services/swarm/remove-swarm-object";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

/** Secrets and configs. The value is sent once, to the engine; nothing returns it. */
export const createSwarmObjectAction = defineAction(
  { name: "swarm.objects.create", schema: createSwarmObjectInput, permission: "swarm:operate", resource: onEndpoint },
  (actor, input) => createSwarmObject(actor, input, ui),
);

export const removeSwarmObjectAction = defineAction(
  { name: "swarm.objects.remove", schema: swarmObjectInput, permission: "swarm:operate", resource: onEndpoint },
  (actor, input) => removeSwarmObject(actor, input, ui),
);
