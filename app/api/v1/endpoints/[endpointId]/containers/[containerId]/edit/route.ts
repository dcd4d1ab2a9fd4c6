import { z } from "zod";
import { containerSpec } from "@/lib/container-spec";
import { containerRef, endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { editContainer } from "@/server/services/containers/edit-container";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ endpointId, containerId: containerRef }),
  body: z.object({ spec: containerSpec }),
});

/**
 * POST /api/v1/endpoints/{endpointId}/containers/{containerId}/edit {"spec": {...}}: the container, under the same
 * name, gets the spec's settings (replaced, or updated in place when only the restart policy and limits change).
 */
export const POST = defineRoute(
  {
    name: "api.containers.edit",
    summary:
      "Edit a container: under the same name it gets the spec's settings (settings the spec cannot express are kept). Only restart policy, memory and CPU changed: updated in place (same id). Otherwise replaced: the new container is made under a temporary name, the old one renamed aside and stopped, the new one named and started if the old one ran, the old one removed; any failure puts the old one back. Non-admins are held to the container restrictions (403 names the rule). The spec's name, if given, must be the container's own",
    schema,
    permission: "container:create",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params, body }) => editContainer(actor, { ...params, spec: body.spec }, { source: "api" }),
);
