"use server";

import {
  endpointOnlyInput,
  pruneImagesInput,
  pullImageInput,
  pullJobInput,
  removeImageInput,
  tagImageInput,
} from "@/lib/resource-schemas";
import { defineAction } from "@/server/entry/action";
import { removeImage, tagImage } from "@/server/services/images/image-ops";
import { previewImagePrune, pruneImages } from "@/server/services/images/prune-images";
import { cancelPull, startPull } from "@/server/services/images/pull-image";

const ui = { source: "ui" };
const onEndpoint = (i: { endpointId: string }) => ({ endpointId: i.endpointId });

export const pullImageAction = defineAction(
  { name: "images.pull", schema: pullImageInput, permission: "image:manage", resource: onEndpoint },
  async (actor, input) => (await startPull(actor, input, ui)).id,
);

export const cancelPullAction = defineAction(
  { name: "images.pull.cancel", schema: pullJobInput, permission: "image:manage", resource: onEndpoint },
  (actor, input) => cancelPull(actor, input, ui),
);

export const removeImageAction = defineAction(
  { name: "images.remove", schema: removeImageInput, permission: "image:manage", resource: onEndpoint },
  (actor, input) => removeImage(actor, input, ui),
);

export const tagImageAction = defineAction(
  { name: "images.tag", schema: tagImageInput, permission: "image:manage", resource: onEndpoint },
  (actor, input) => tagImage(actor, input, ui),
);

export const previewImagePruneAction = defineAction(
  { name: "images.prune.preview", schema: endpointOnlyInput, permission: "image:read", resource: onEndpoint },
  (actor, input) => previewImagePrune(actor, input.endpointId),
);

export const pruneImagesAction = defineAction(
  { name: "images.prune", schema: pruneImagesInput, permission: "image:manage", resource: onEndpoint },
  (actor, input) => pruneImages(actor, input, ui),
);
