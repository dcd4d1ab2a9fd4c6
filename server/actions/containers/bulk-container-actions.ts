"use server";

import { bulkContainerInput } from "@/lib/bulk-schemas";
import { defineAction } from "@/server/entry/action";
import { bulkContainerOp } from "@/server/services/containers/bulk-container-op";

/** One verb on selected containers of one endpoint; each container is authorized and audited by its service. */
export const bulkContainerAction = defineAction(
  {
    name: "containers.bulk",
    schema: bulkContainerInput,
    permission: "container:operate",
    resource: (i) => ({ endpointId: i.endpointId }),
  },
  (actor, input) => bulkContainerOp(actor, input, { source: "ui" }),
);
