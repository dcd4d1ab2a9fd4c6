import { z } from "zod";
import {
  imageIdOrRef,
  pruneImagesInput,
  pullImageInput,
  pullJobInput,
  removeImageInput,
  tagImageInput,
} from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { bodyWithEndpoint, onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { inspectImage, removeImage, tagImage } from "@/server/services/images/image-ops";
import { previewImagePrune, pruneImages } from "@/server/services/images/prune-images";
import { cancelPull, listPulls, startPull } from "@/server/services/images/pull-image";

export const dynamic = "force-dynamic";

const api = { source: "api" };

/** GET .../images/{inspect|prune|pulls}: inspect (?image=), prune preview, pulls with progress. */
export const GET = defineRoute(
  {
    name: "api.images.read",
    summary: "inspect (?image=, with layer history), prune (preview: exactly what a prune deletes), pulls (progress)",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["inspect", "prune", "pulls"]) }),
      query: z.object({ image: imageIdOrRef.optional() }),
    }),
    permission: "image:read",
    resource: onEndpoint,
  },
  async (actor, { params, query }): Promise<unknown> => {
    if (params.op === "pulls") return listPulls(actor, params.endpointId);
    if (params.op === "prune") return previewImagePrune(actor, params.endpointId);
    return inspectImage(actor, params.endpointId, parseInput(imageIdOrRef, query.image));
  },
);

/** POST .../images/{pull|cancel-pull|remove|tag|prune} with a JSON body. */
export const POST = defineRoute(
  {
    name: "api.images.manage",
    summary: "pull {ref}, cancel-pull {jobId}, remove {image, force}, tag {image, repository, tag}, prune {imageIds}",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["pull", "cancel-pull", "remove", "tag", "prune"]) }),
      body: z.unknown(),
    }),
    permission: "image:manage",
    resource: onEndpoint,
  },
  async (actor, input) => {
    switch (input.params.op) {
      case "pull":
        return startPull(actor, parseInput(pullImageInput, bodyWithEndpoint(input)), api);
      case "cancel-pull":
        return cancelPull(actor, parseInput(pullJobInput, bodyWithEndpoint(input)), api);
      case "remove":
        return removeImage(actor, parseInput(removeImageInput, bodyWithEndpoint(input)), api);
      case "tag":
        return tagImage(actor, parseInput(tagImageInput, bodyWithEndpoint(input)), api);
      case "prune":
        return pruneImages(actor, parseInput(pruneImagesInput, bodyWithEndpoint(input)), api);
    }
  },
);
