"use server";

import { containerActionInput } from "@/lib/schemas";
import { defineAction } from "@/server/entry/action";
import { removeContainer } from "@/server/services/containers/remove-container";
import { restartContainer } from "@/server/services/containers/restart-container";
import { startContainer } from "@/server/services/containers/start-container";
import { stopContainer } from "@/server/services/containers/stop-container";

const opts = (name: string) => ({
  name,
  schema: containerActionInput,
  permission: "container:operate" as const,
  resource: (i: { endpointId: string }) => ({ endpointId: i.endpointId }),
});

const ui = { source: "ui" };

export const startContainerAction = defineAction(opts("containers.start"), (actor, input) =>
  startContainer(actor, input, ui),
);
export const stopContainerAction = defineAction(opts("containers.stop"), (actor, input) =>
  stopContainer(actor, input, ui),
);
export const restartContainerAction = defineAction(opts("containers.restart"), (actor, input) =>
  restartContainer(actor, input, ui),
);
export const removeContainerAction = defineAction(opts("containers.remove"), (actor, input) =>
  removeContainer(actor, input, ui),
);
