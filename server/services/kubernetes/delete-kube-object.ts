import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { kubeDeleteInput } from "@/lib/kube-schemas";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp } from "./kube-op";

/**
 * Deletes one object with the propagation the user chose (Background: dependents go after; Foreground: the object
 * stays until its dependents are gone; Orphan: dependents stay). Cluster-scoped objects need kube:cluster.
 */
export async function deleteKubeObject(
  actor: Actor | null,
  input: z.infer<typeof kubeDeleteInput>,
  ctx?: KubeOpContext,
) {
  const def = RESOURCE_DEFS[input.resource];
  if (def.namespaced && !input.namespace) throw new UserError(`A ${def.kind} is deleted within a namespace`);
  const spec = {
    action: "k8s.delete",
    permission: def.namespaced ? ("kube:operate" as const) : ("kube:cluster" as const),
    endpointId: input.endpointId,
    namespace: def.namespaced ? input.namespace : undefined,
    target: `${input.resource}/${input.name}`,
    detail: `propagation ${input.propagation}`,
  };
  await kubeOp(
    actor,
    spec,
    async (k) => {
      const path = resourcePath(def, k.versionOf(input.resource) ?? def.versions[0]!, input.namespace, input.name);
      await k.client.request("DELETE", path, {
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: input.propagation },
      });
    },
    ctx,
  );
}
