import { z } from "zod";
import { ruleInput } from "@/lib/alert-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listRules, saveRule } from "@/server/services/alerts/manage-rules";

export const dynamic = "force-dynamic";

const params = z.object({ endpointId });

/** GET /api/v1/endpoints/{endpointId}/alert-rules: the endpoint's rules (anyone who may read it). */
export const GET = defineRoute(
  {
    name: "api.alert-rules.list",
    schema: z.object({ params }),
    permission: "container:read",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  (actor, input) => listRules(actor, input.params.endpointId),
);

const createSchema = z.object({ params, body: ruleInput.omit({ endpointId: true, id: true }) });

/** POST /api/v1/endpoints/{endpointId}/alert-rules: add a rule (operators of the endpoint). */
export const POST = defineRoute(
  {
    name: "api.alert-rules.create",
    schema: createSchema,
    permission: "alert:rules",
    resource: (i) => ({ endpointId: i.params.endpointId }),
  },
  async (actor, { params: p, body }) =>
    Response.json(await saveRule(actor, { ...body, endpointId: p.endpointId }, { source: "api" }), { status: 201 }),
);
