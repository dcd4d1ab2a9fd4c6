import { z } from "zod";
import { kubeName, kubeNamespaceSegment, kubeResource, NO_NAMESPACE, PROPAGATION } from "@/lib/kube-schemas";
import { endpointId } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { deleteKubeObject } from "@/server/services/kubernetes/delete-kube-object";
import { getKubeObject } from "@/server/services/kubernetes/get-kube-object";
import { replaceKubeObject } from "@/server/services/kubernetes/replace-kube-object";

export const dynamic = "force-dynamic";

const params = z.object({ endpointId, resource: kubeResource, namespace: kubeNamespaceSegment, name: kubeName });
const ref = (p: z.infer<typeof params>) => ({
  endpointId: p.endpointId,
  resource: p.resource,
  namespace: p.namespace === NO_NAMESPACE ? undefined : p.namespace,
  name: p.name,
});

/** GET .../k8s/{resource}/{namespace|-}/{name}: the object (YAML, Secret values hidden), conditions, events, owners. */
export const GET = defineRoute(
  {
    name: "api.k8s.get",
    schema: z.object({ params }),
    permission: "kube:read",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: ref(i.params).namespace }),
  },
  (actor, { params }) => getKubeObject(actor, ref(params)),
);

/** DELETE .../k8s/{resource}/{namespace|-}/{name}?propagation=Background|Foreground|Orphan */
export const DELETE = defineRoute(
  {
    name: "api.k8s.delete",
    schema: z.object({ params, query: z.object({ propagation: z.enum(PROPAGATION).default("Background") }) }),
    permission: "kube:operate",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: ref(i.params).namespace }),
  },
  async (actor, { params, query }) => {
    await deleteKubeObject(actor, { ...ref(params), propagation: query.propagation }, { source: "api" });
    return new Response(null, { status: 204 });
  },
);

/**
 * PUT .../k8s/{resource}/{namespace|-}/{name} { yaml }: saves an edited object. The YAML must carry the
 * metadata.resourceVersion it was read at; a change by anyone else since is refused with 409 and nothing is saved.
 */
export const PUT = defineRoute(
  {
    name: "api.k8s.edit",
    schema: z.object({
      params,
      body: z.object({
        yaml: z
          .string()
          .min(1)
          .max(512 * 1024),
      }),
    }),
    permission: "kube:operate",
    resource: (i) => ({ endpointId: i.params.endpointId, namespace: ref(i.params).namespace }),
  },
  (actor, { params, body }) => replaceKubeObject(actor, { ...ref(params), yaml: body.yaml }, { source: "api" }),
);
