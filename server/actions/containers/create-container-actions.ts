"use server";

import { createContainerInput } from "@/lib/container-spec";
import { defineAction } from "@/server/entry/action";
import { createContainer } from "@/server/services/containers/create-container";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const createContainerAction = defineAction(
  { name: "containers.create", schema: createContainerInput, permission: "container:create", resource },
  (actor, input) => createContainer(actor, input, { source: "ui" }),
);
