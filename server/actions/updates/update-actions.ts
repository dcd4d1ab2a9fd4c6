"use server";

import { checkUpdatesInput, updateContainerInput } from "@/lib/updates";
import { defineAction } from "@/server/entry/action";
import { checkEndpointUpdates } from "@/server/services/updates/check-endpoint-updates";
import { updateContainer } from "@/server/services/updates/update-container";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const checkUpdatesAction = defineAction(
  { name: "updates.check", schema: checkUpdatesInput, permission: "container:operate", resource },
  (actor, input) => checkEndpointUpdates(actor, input, { source: "ui" }),
);

export const updateContainerAction = defineAction(
  { name: "containers.update", schema: updateContainerInput, permission: "container:create", resource },
  (actor, input) => updateContainer(actor, input, { source: "ui" }),
);
