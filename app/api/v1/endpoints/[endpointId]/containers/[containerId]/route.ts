import { z } from "zod";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { inspectContainer } from "@/server/services/workbench/inspect-container";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId, containerId: containerRef }) });

/**
 * GET /api/v1/endpoints/{endpointId}/containers/{containerId}: `docker inspect` of one container, as the Inspect tab
 * shows it (env values and secret-looking labels redacted for viewers; `secretsVisible` says which).
 */
export const GET = defineRoute(
  {
    name: "api.containers.inspect",
    summary:
      "`docker inspect` of a container: { inspect, secretsVisible }. For viewers env values and secret-looking labels are redacted (secretsVisible false)",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params }) => inspectContainer(actor, params),
);
