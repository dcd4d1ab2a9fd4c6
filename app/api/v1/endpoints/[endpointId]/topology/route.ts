import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { getTopology } from "@/server/services/topology/get-topology";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId }) });

export const GET = defineRoute(
  {
    name: "api.topology.get",
    summary: "Network topology of an endpoint: nodes (networks, containers, host ports, compose projects) and edges",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => getTopology(actor, input.params.endpointId),
);
