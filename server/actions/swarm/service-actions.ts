"use server";

import { createServiceInput, scaleServiceInput, serviceInput, updateServiceInput } from "@/lib/swarm-schemas";
import { defineAction } from "@/server/entry/action";
import { createService } from "@/server/services/swarm/create-service";
import { redeployService } from "@/server/services/swarm/redeploy-service";
import { removeService } from "@/server/services/swarm/remove-service";
import { rollbackService } from "@/server/services/swarm/rollback-service";
import { scaleService } from "@/server/services/swarm/scale-service";
import { updateService } from "@/server/services/swarm/update-service";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });
const operate = { permission: "swarm:operate", resource: onEndpoint } as const;

export const createServiceAction = defineAction(
  { name: "swarm.services.create", schema: createServiceInput, ...operate },
  (actor, input) => createService(actor, input, ui),
);

export const updateServiceAction = defineAction(
  { name: "swarm.services.update", schema: updateServiceInput, ...operate },
  (actor, input) => updateService(actor, input, ui),
);

export const scaleServiceAction = defineAction(
  { name: "swarm.services.scale", schema: scaleServiceInput, ...operate },
  (actor, input) => scaleService(actor, input, ui),
);

export const redeployServiceAction = defineAction(
  { name: "swarm.services.redeploy", schema: serviceInput, ...operate },
  (actor, input) => redeployService(actor, input, ui),
);

export const rollbackServiceAction = defineAction(
  { name: "swarm.services.rollback", schema: serviceInput, ...operate },
  (actor, input) => rollbackService(actor, input, ui),
);

export const removeServiceAction = defineAction(
  { name: "swarm.services.remove", schema: serviceInput, ...operate },
  (actor, input) => removeService(actor, input, ui),
);
