import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { topContainer } from "@/server/services/workbench/inspect-container";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId, containerId: containerRef }) });

/** GET /api/v1/endpoints/{endpointId}/containers/{containerId}/top: its processes (empty when not running). */
export const GET = defineRoute(
  {
    name: "api.containers.top",
    summary: "Processes in a container (`docker top`): { titles, processes }; empty when it is not running",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params }) => topContainer(actor, params),
);
