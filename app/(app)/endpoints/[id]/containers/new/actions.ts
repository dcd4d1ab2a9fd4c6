"use server";

import { createContainerInput } from "@/lib/container-spec";
import { containerActionInput } from "@/lib/schemas";
import { defineAction } from "@/server/entry/action";
import { createContainer } from "@/server/services/containers/create-container";
import { getContainerSpec } from "@/server/services/containers/get-container-spec";

const resource = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const createContainerAction = defineAction(
  { name: "containers.create", schema: createContainerInput, permission: "container:create", resource },
  (actor, input) => createContainer(actor, input, { source: "ui" }),
);

/** The form pre-filled from an existing container (Duplicate). */
export const containerSpecAction = defineAction(
  { name: "containers.spec", schema: containerActionInput, permission: "container:create", resource },
  (actor, input) => getContainerSpec(actor, input),
);
