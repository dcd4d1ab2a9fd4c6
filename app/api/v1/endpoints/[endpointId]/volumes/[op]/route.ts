import { z } from "zod";
import { createVolumeInput, pruneVolumesInput, removeVolumeInput, volumeName } from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { bodyWithEndpoint, onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import {
  createVolume,
  inspectVolume,
  previewVolumePrune,
  pruneVolumes,
  removeVolume,
} from "@/server/services/volumes/volumes";

export const dynamic = "force-dynamic";

const api = { source: "api" };

/** GET .../volumes/{inspect|prune}: inspect (?name=) or the prune preview. */
export const GET = defineRoute(
  {
    name: "api.volumes.read",
    summary: "inspect (?name=) or prune (preview)",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["inspect", "prune"]) }),
      query: z.object({ name: volumeName.optional() }),
    }),
    permission: "volume:read",
    resource: onEndpoint,
  },
  (actor, { params, query }) =>
    params.op === "prune"
      ? previewVolumePrune(actor, params.endpointId)
      : inspectVolume(actor, params.endpointId, parseInput(volumeName, query.name)),
);

/** POST .../volumes/{create|remove|prune} with a JSON body. */
export const POST = defineRoute(
  {
    name: "api.volumes.manage",
    summary: "create {name, driver, labels}, remove {name, force}, prune {names}",
    schema: z.object({
      params: z.object({ endpointId, op: z.enum(["create", "remove", "prune"]) }),
      body: z.unknown(),
    }),
    permission: "volume:manage",
    resource: onEndpoint,
  },
  async (actor, input) => {
    switch (input.params.op) {
      case "create":
        return createVolume(actor, parseInput(createVolumeInput, bodyWithEndpoint(input)), api);
      case "remove":
        return removeVolume(actor, parseInput(removeVolumeInput, bodyWithEndpoint(input)), api);
      case "prune":
        return pruneVolumes(actor, parseInput(pruneVolumesInput, bodyWithEndpoint(input)), api);
    }
  },
);
