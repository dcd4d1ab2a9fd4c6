import { z } from "zod";
import { removeGrantInput } from "@/lib/access-schemas";
import { defineRoute } from "@/server/entry/route";
import { removeGrant } from "@/server/services/grants/remove-grant";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute(
  {
    name: "api.grants.remove",
    summary: "Take a team's access to an endpoint away (admins); live subscriptions drop within seconds",
    schema: z.object({ params: removeGrantInput }),
    permission: "grant:manage",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, { params }) => removeGrant(actor, params, { source: "api" }),
);
