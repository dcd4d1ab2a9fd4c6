"use server";

import { editContainerInput } from "@/lib/container-spec";
import { defineAction } from "@/server/entry/action";
import { editContainer } from "@/server/services/containers/edit-container";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

// Edit both operates the old container and creates its replacement: the service checks container:operate as well.
export const editContainerAction = defineAction(
  { name: "containers.edit", schema: editContainerInput, permission: "container:create", resource },
  (actor, input) => editContainer(actor, input, { source: "ui" }),
);
