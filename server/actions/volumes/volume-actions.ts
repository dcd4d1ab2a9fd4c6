"use server";

import { createVolumeInput, endpointOnlyInput, pruneVolumesInput, removeVolumeInput } from "@/lib/resource-schemas";
import { defineAction } from "@/server/entry/action";
import { createVolume, previewVolumePrune, pruneVolumes, removeVolume } from "@/server/services/volumes/volumes";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const createVolumeAction = defineAction(
  { name: "volumes.create", schema: createVolumeInput, permission: "volume:manage", resource: onEndpoint },
  (actor, input) => createVolume(actor, input, ui),
);

export const removeVolumeAction = defineAction(
  { name: "volumes.remove", schema: removeVolumeInput, permission: "volume:manage", resource: onEndpoint },
  (actor, input) => removeVolume(actor, input, ui),
);

export const previewVolumePruneAction = defineAction(
  { name: "volumes.prune.preview", schema: endpointOnlyInput, permission: "volume:read", resource: onEndpoint },
  (actor, input) => previewVolumePrune(actor, input.endpointId),
);

export const pruneVolumesAction = defineAction(
  { name: "volumes.prune", schema: pruneVolumesInput, permission: "volume:manage", resource: onEndpoint },
  (actor, input) => pruneVolumes(actor, input, ui),
);
