import { z } from "zod";
import { volumeName } from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { onEndpoint } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { browseVolume } from "@/server/services/volumes/volume-archive";

export const dynamic = "force-dynamic";

/** GET .../volume-files/{volume}?path=dir: the entries directly inside one folder of a volume (operators). */
export const GET = defineRoute(
  {
    name: "api.volumes.browse",
    schema: z.object({
      params: z.object({ endpointId, volume: volumeName }),
      query: z.object({ path: z.string().max(4096).optional() }),
    }),
    permission: "volume:manage",
    resource: onEndpoint,
  },
  (actor, { params, query }) =>
    browseVolume(actor, { endpointId: params.endpointId, volume: params.volume, path: query.path }, { source: "api" }),
);
