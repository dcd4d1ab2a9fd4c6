import { Readable } from "node:stream";
import { z } from "zod";
import { volumeName } from "@/lib/resource-schemas";
import { endpointId } from "@/lib/schemas";
import { onEndpoint } from "@/server/entry/parse-input";
import { defineStreamRoute } from "@/server/entry/stream-route";
import { downloadVolume, restoreVolume } from "@/server/services/volumes/volume-archive";

export const dynamic = "force-dynamic";

const params = z.object({ endpointId, volume: volumeName });

/** GET .../volume-archive/{volume}?path=dir: the volume (or one folder) as a tar stream (operators). */
export const GET = defineStreamRoute(
  {
    name: "api.volumes.download",
    schema: z.object({ params, query: z.object({ path: z.string().max(4096).optional() }) }),
    permission: "volume:manage",
    resource: onEndpoint,
  },
  async (actor, { params, query }) => {
    const { stream, name } = await downloadVolume(
      actor,
      { endpointId: params.endpointId, volume: params.volume, path: query.path },
      { source: "api" },
    );
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "content-type": "application/x-tar",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
);

/**
 * PUT .../volume-archive/{volume}[?create=1] with a tar body: unpacks it into a new (create=1) or empty volume. The
 * body streams to the engine as it arrives (the body limit for this path is BERTH_VOLUME_UPLOAD_LIMIT).
 */
export const PUT = defineStreamRoute(
  {
    name: "api.volumes.restore",
    schema: z.object({ params, query: z.object({ create: z.enum(["0", "1"]).optional() }) }),
    permission: "volume:manage",
    resource: onEndpoint,
  },
  async (actor, { params, query }, req) => {
    if (!req.body) return Response.json({ status: 400, detail: "A tar body is required" }, { status: 400 });
    const body = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream);
    const result = await restoreVolume(
      actor,
      { endpointId: params.endpointId, volume: params.volume, create: query.create === "1" },
      body,
      { source: "api" },
    );
    return Response.json(result, { status: result.created ? 201 : 200 });
  },
);
