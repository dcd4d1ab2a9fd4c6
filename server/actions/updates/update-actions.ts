"use server";

import { maintenanceWindowInput, setUpdatePolicyInput } from "@/lib/update-policy-schemas";
import { checkUpdatesInput, updateContainerInput } from "@/lib/update-schemas";
import { defineAction } from "@/server/entry/action";
import { checkEndpointUpdates } from "@/server/services/updates/check-endpoint-updates";
import { updateContainer } from "@/server/services/updates/update-container";
import { setMaintenanceWindow, setUpdatePolicy } from "@/server/services/updates/update-policies";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const checkUpdatesAction = defineAction(
  { name: "updates.check", schema: checkUpdatesInput, permission: "container:operate", resource },
  (actor, input) => checkEndpointUpdates(actor, input, { source: "ui" }),
);

export const updateContainerAction = defineAction(
  { name: "containers.update", schema: updateContainerInput, permission: "container:create", resource },
  (actor, input) => updateContainer(actor, input, { source: "ui" }),
);

export const setUpdatePolicyAction = defineAction(
  { name: "updates.policy", schema: setUpdatePolicyInput, permission: "container:create", resource },
  (actor, input) => setUpdatePolicy(actor, input, { source: "ui" }),
);

export const setMaintenanceWindowAction = defineAction(
  { name: "updates.window", schema: maintenanceWindowInput, permission: "settings:manage" },
  (actor, input) => setMaintenanceWindow(actor, input, { source: "ui" }),
);
