import { z } from "zod";
import { endpointRole, entityId, grantNamespaces } from "@/lib/access-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listGrants } from "@/server/services/grants/list-grants";
import { setGrant } from "@/server/services/grants/set-grant";

export const dynamic = "force-dynamic";

const params = z.object({ teamId: entityId });

export const GET = defineRoute(
  {
    name: "api.grants.list",
    summary: "A team's grants (admins)",
    schema: z.object({ params }),
    permission: "grant:manage",
  },
  (actor, { params }) => listGrants(actor, params.teamId),
);

/**
 * POST /api/v1/teams/{teamId}/grants {endpointId, role, namespaces?}: creates or changes the team's role on the
 * endpoint; on a Kubernetes endpoint `namespaces` limits it to those namespaces.
 */
export const POST = defineRoute(
  {
    name: "api.grants.set",
    summary: "Give a team a role on an endpoint (optionally in some Kubernetes namespaces), or change it (admins)",
    schema: z.object({ params, body: z.object({ endpointId, role: endpointRole, namespaces: grantNamespaces }) }),
    permission: "grant:manage",
    resource: (i) => ({ endpointId: i.body.endpointId }),
  },
  (actor, { params, body }) => setGrant(actor, { teamId: params.teamId, ...body }, { source: "api" }),
);
