import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listContainers } from "@/server/services/containers/list-containers";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ endpointId }) });

export const GET = defineRoute(
  {
    name: "api.containers.list",
    schema,
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listContainers(actor, input.params.endpointId),
);
