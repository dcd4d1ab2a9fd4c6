"use server";

import { registryIdInput, registryInput } from "@/lib/resource-schemas";
import { defineAction } from "@/server/entry/action";
import { deleteRegistry, saveRegistry } from "@/server/services/registries/manage-registries";

const ui = { source: "ui" };

export const addRegistryAction = defineAction(
  { name: "registries.add", schema: registryInput, permission: "registry:manage" },
  (actor, input) => saveRegistry(actor, input, ui),
);

export const updateRegistryAction = defineAction(
  { name: "registries.update", schema: registryInput.extend(registryIdInput.shape), permission: "registry:manage" },
  (actor, input) => saveRegistry(actor, input, ui),
);

export const deleteRegistryAction = defineAction(
  { name: "registries.delete", schema: registryIdInput, permission: "registry:manage" },
  (actor, input) => deleteRegistry(actor, input.id, ui),
);
