"use server";

import {
  connectNetworkInput,
  createNetworkInput,
  disconnectNetworkInput,
  removeNetworkInput,
} from "@/lib/resource-schemas";
import { defineAction } from "@/server/entry/action";
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  removeNetwork,
} from "@/server/services/networks/network-ops";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const createNetworkAction = defineAction(
  { name: "networks.create", schema: createNetworkInput, permission: "network:manage", resource: onEndpoint },
  (actor, input) => createNetwork(actor, input, ui),
);

export const removeNetworkAction = defineAction(
  { name: "networks.remove", schema: removeNetworkInput, permission: "network:manage", resource: onEndpoint },
  (actor, input) => removeNetwork(actor, input, ui),
);

export const connectNetworkAction = defineAction(
  { name: "networks.connect", schema: connectNetworkInput, permission: "network:manage", resource: onEndpoint },
  (actor, input) => connectNetwork(actor, input, ui),
);

export const disconnectNetworkAction = defineAction(
  { name: "networks.disconnect", schema: disconnectNetworkInput, permission: "network:manage", resource: onEndpoint },
  (actor, input) => disconnectNetwork(actor, input, ui),
);
