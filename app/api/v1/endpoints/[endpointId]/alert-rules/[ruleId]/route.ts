import { z } from "zod";
import { ruleInput, ruleRefInput } from "@/lib/alert-schemas";
import { defineRoute } from "@/server/entry/route";
import { deleteRule, saveRule } from "@/server/services/alerts/manage-rules";

export const dynamic = "force-dynamic";

const resource = (i: { params: { endpointId: string } }) => ({ endpointId: i.params.endpointId });

/** PUT /api/v1/endpoints/{endpointId}/alert-rules/{ruleId}: replace a rule (operators of the endpoint). */
export const PUT = defineRoute(
  {
    name: "api.alert-rules.update",
    schema: z.object({ params: ruleRefInput, body: ruleInput.omit({ endpointId: true, id: true }) }),
    permission: "alert:rules",
    resource,
  },
  (actor, { params, body }) =>
    saveRule(actor, { ...body, endpointId: params.endpointId, id: params.ruleId }, { source: "api" }),
);

/** DELETE /api/v1/endpoints/{endpointId}/alert-rules/{ruleId} (operators of the endpoint). */
export const DELETE = defineRoute(
  { name: "api.alert-rules.delete", schema: z.object({ params: ruleRefInput }), permission: "alert:rules", resource },
  (actor, { params }) => deleteRule(actor, params, { source: "api" }),
);
