"use server";

import { z } from "zod";
import { createEndpointInput, removeEndpointInput, updateEndpointInput } from "@/lib/endpoint-schemas";
import { endpointId } from "@/lib/schemas";
import { defineAction } from "@/server/entry/action";
import { createEndpoint } from "@/server/services/endpoints/create-endpoint";
import { getEndpointSettings } from "@/server/services/endpoints/get-endpoint-settings";
import { removeEndpoint } from "@/server/services/endpoints/remove-endpoint";
import { updateEndpoint } from "@/server/services/endpoints/update-endpoint";

const ui = { source: "ui" };
const manage = "endpoint:manage" as const;

export const createEndpointAction = defineAction(
  { name: "endpoints.create", schema: createEndpointInput, permission: manage },
  (actor, input) => createEndpoint(actor, input, ui),
);

export const updateEndpointAction = defineAction(
  { name: "endpoints.update", schema: updateEndpointInput, permission: manage },
  (actor, input) => updateEndpoint(actor, input, ui),
);

export const removeEndpointAction = defineAction(
  { name: "endpoints.remove", schema: removeEndpointInput, permission: manage },
  (actor, input) => removeEndpoint(actor, input, ui),
);

export const endpointSettingsAction = defineAction(
  { name: "endpoints.settings", schema: z.object({ endpointId }), permission: manage },
  (actor, input) => getEndpointSettings(actor, input.endpointId),
);
