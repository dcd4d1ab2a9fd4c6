import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { serviceForm } from "@/lib/swarm-schemas";
import { onEndpoint, parseInput } from "@/server/entry/parse-input";
import { defineRoute } from "@/server/entry/route";
import { getService } from "@/server/services/swarm/get-service";
import { removeService } from "@/server/services/swarm/remove-service";
import { updateService } from "@/server/services/swarm/update-service";

export const dynamic = "force-dynamic";

const api = { source: "api" };
const params = z.object({ endpointId, serviceId: z.string().min(1).max(128) });

/** GET .../swarm/services/{serviceId}: the service, its tasks and its spec as the form edits it. */
export const GET = defineRoute(
  { name: "api.swarm.services.get", schema: z.object({ params }), permission: "swarm:read", resource: onEndpoint },
  (actor, { params: p }) => getService(actor, p.endpointId, p.serviceId),
);

/** PUT .../swarm/services/{serviceId} with the whole form: a rolling update to the new spec. */
export const PUT = defineRoute(
  {
    name: "api.swarm.services.update",
    schema: z.object({ params, body: z.unknown() }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  (actor, { params: p, body }) => updateService(actor, { ...p, service: parseInput(serviceForm, body) }, api),
);

export const DELETE = defineRoute(
  {
    name: "api.swarm.services.remove",
    schema: z.object({ params }),
    permission: "swarm:operate",
    resource: onEndpoint,
  },
  (actor, { params: p }) => removeService(actor, p, api),
);
