import { z } from "zod";
import { kubeApplyInput } from "@/lib/kube-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { applyYaml } from "@/server/services/kubernetes/apply-yaml";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/endpoints/{endpointId}/k8s/apply { yaml, namespace?, dryRun? }: server-side apply of one or more
 * documents; a dry run (the default) answers what would change, as a diff per object. Every document is authorized
 * in its own namespace (cluster-scoped kinds: admins).
 */
export const POST = defineRoute(
  {
    name: "api.k8s.apply",
    schema: z.object({ params: z.object({ endpointId }), body: kubeApplyInput.omit({ endpointId: true }) }),
    permission: "kube:operate",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: i.body.namespace }),
  },
  (actor, { params, body }) => applyYaml(actor, { ...params, ...body }, { source: "api" }),
);
