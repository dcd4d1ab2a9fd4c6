import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { updatePolicyBody } from "@/lib/update-policy-schemas";
import { defineRoute } from "@/server/entry/route";
import { getUpdatePolicies, setUpdatePolicy } from "@/server/services/updates/update-policies";

export const dynamic = "force-dynamic";

const params = z.object({ endpointId });
const resource = (i: { params: { endpointId: string } }) => ({ endpointId: i.params.endpointId });

/** GET /api/v1/endpoints/{endpointId}/update-policies: the maintenance window and every policy set on the endpoint. */
export const GET = defineRoute(
  { name: "api.update-policies.list", schema: z.object({ params }), permission: "container:read", resource },
  (actor, { params: p }) => getUpdatePolicies(actor, p.endpointId),
);

/**
 * PUT /api/v1/endpoints/{endpointId}/update-policies: `{ target: "container" | "stack", name, policy: "off" | "notify"
 * | "auto" | "default" }` (operators). "default" removes a stored policy (the stack's, else "notify", applies).
 */
export const PUT = defineRoute(
  {
    name: "api.update-policies.set",
    schema: z.object({ params, body: updatePolicyBody }),
    permission: "container:create",
    resource,
  },
  (actor, { params: p, body }) => setUpdatePolicy(actor, { ...body, endpointId: p.endpointId }, { source: "api" }),
);
