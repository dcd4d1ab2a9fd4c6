import { z } from "zod";
import { LOG_SINCE, MAX_TAIL } from "@/lib/log-options";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineStreamRoute } from "@/server/entry/stream-route";
import { downloadLogs } from "@/server/services/workbench/download-logs";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  query: z.object({
    tail: z.union([z.literal("all"), z.coerce.number().int().min(0).max(MAX_TAIL)]).default("all"),
    since: z.enum(LOG_SINCE).default("all"),
    timestamps: z.enum(["0", "1", "true", "false"]).default("0"),
  }),
});

/** GET /api/v1/endpoints/{endpointId}/containers/{containerId}/logs: the logs as a text file, streamed. */
export const GET = defineStreamRoute(
  {
    name: "api.containers.logs",
    summary: "A container's logs as a text file (stdout and stderr in order), streamed",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  async (actor, { params, query }) => {
    const { name, body } = await downloadLogs(actor, {
      endpointId: params.endpointId,
      containerId: params.containerId,
      tail: query.tail,
      since: query.since,
      timestamps: query.timestamps === "1" || query.timestamps === "true",
    });
    const file = `${name.replace(/[^a-zA-Z0-9_.-]/g, "_")}.log`;
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
