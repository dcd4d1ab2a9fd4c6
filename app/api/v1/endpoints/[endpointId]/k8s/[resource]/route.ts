import { z } from "zod";
import { kubeListInput, kubeResource } from "@/lib/kube-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { listKubeObjects } from "@/server/services/kubernetes/list-kube-objects";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/endpoints/{endpointId}/k8s/{resource}?namespace=&limit=&continue=&labelSelector=: one page of rows
 * with kubectl's columns. Without `namespace`, all namespaces (cluster-wide readers only).
 */
export const GET = defineRoute(
  {
    name: "api.k8s.list",
    schema: z.object({
      params: z.object({ endpointId, resource: kubeResource }),
      query: kubeListInput.omit({ endpointId: true, resource: true }),
    }),
    permission: "kube:read",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: i.query.namespace }),
  },
  (actor, { params, query }) => listKubeObjects(actor, { ...params, ...query }),
);
