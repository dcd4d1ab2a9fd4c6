import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listVolumes } from "@/server/services/volumes/volumes";

export const dynamic = "force-dynamic";

/** GET /api/v1/endpoints/{endpointId}/volumes */
export const GET = defineRoute(
  {
    name: "api.volumes.list",
    summary: "All volumes, with sizes (when the engine reports them) and users of an endpoint",
    schema: z.object({ params: z.object({ endpointId }) }),
    permission: "volume:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listVolumes(actor, input.params.endpointId),
);
