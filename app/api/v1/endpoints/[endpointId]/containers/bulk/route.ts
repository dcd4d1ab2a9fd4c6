import { z } from "zod";
import { BULK_VERBS } from "@/lib/bulk-schemas";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { bulkContainerOp } from "@/server/services/containers/bulk-container-op";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId }),
  query: z.object({}).passthrough(),
  body: z.object({ verb: z.enum(BULK_VERBS), containerIds: z.array(containerRef).min(1).max(1000) }),
});

/** POST /api/v1/endpoints/{endpointId}/containers/bulk: one verb on many containers; a result per container. */
export const POST = defineRoute(
  {
    name: "api.containers.bulk",
    summary: "Start, stop, kill, restart, pause, resume or remove many containers; each is authorized and audited",
    schema,
    permission: "container:operate",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) => bulkContainerOp(actor, { endpointId: params.endpointId, ...body }, { source: "api" }),
);
