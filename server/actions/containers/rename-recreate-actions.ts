"use server";

import { recreateContainerInput, renameContainerInput } from "@/lib/container-spec";
import { defineAction } from "@/server/entry/action";
import { recreateContainer } from "@/server/services/containers/recreate-container";
import { renameContainer } from "@/server/services/containers/rename-container";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const renameContainerAction = defineAction(
  { name: "containers.rename", schema: renameContainerInput, permission: "container:operate", resource },
  (actor, input) => renameContainer(actor, input, { source: "ui" }),
);

export const recreateContainerAction = defineAction(
  { name: "containers.recreate", schema: recreateContainerInput, permission: "container:create", resource },
  (actor, input) => recreateContainer(actor, input, { source: "ui" }),
);
