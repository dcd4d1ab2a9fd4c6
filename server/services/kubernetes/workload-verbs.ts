import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import type { kubeCordonInput, kubeRestartInput, kubeScaleInput } from "@/lib/kube-schemas";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp } from "./kube-op";

// The small verbs: one PATCH each, as kubectl does them (scale subresource, restartedAt annotation, unschedulable).

export async function scaleWorkload(actor: Actor | null, input: z.infer<typeof kubeScaleInput>, ctx?: KubeOpContext) {
  const spec = {
    action: "k8s.scale",
    permission: "kube:operate" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `${input.resource}/${input.name}`,
    detail: `replicas ${input.replicas}`,
  };
  await kubeOp(
    actor,
    spec,
    async (k) => {
      const def = RESOURCE_DEFS[input.resource];
      const path = `${resourcePath(def, k.versionOf(input.resource) ?? "v1", input.namespace, input.name)}/scale`;
      await k.client.request("PATCH", path, { body: { spec: { replicas: input.replicas } } });
    },
    ctx,
  );
}

/** `kubectl rollout restart`: a new pod template annotation makes the controller roll every pod. */
export async function restartWorkload(
  actor: Actor | null,
  input: z.infer<typeof kubeRestartInput>,
  ctx?: KubeOpContext,
) {
  const spec = {
    action: "k8s.rollout-restart",
    permission: "kube:operate" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `${input.resource}/${input.name}`,
  };
  await kubeOp(
    actor,
    spec,
    async (k) => {
      const def = RESOURCE_DEFS[input.resource];
      const path = resourcePath(def, k.versionOf(input.resource) ?? "v1", input.namespace, input.name);
      const annotations = { "kubectl.kubernetes.io/restartedAt": new Date().toISOString() };
      await k.client.request("PATCH", path, { body: { spec: { template: { metadata: { annotations } } } } });
    },
    ctx,
  );
}

/** Cordon (unschedulable) or uncordon a node: cluster-wide, so admins only. */
export async function cordonNode(actor: Actor | null, input: z.infer<typeof kubeCordonInput>, ctx?: KubeOpContext) {
  const spec = {
    action: input.unschedulable ? "k8s.cordon" : "k8s.uncordon",
    permission: "kube:cluster" as const,
    endpointId: input.endpointId,
    target: `nodes/${input.node}`,
  };
  await kubeOp(
    actor,
    spec,
    async (k) => {
      const path = resourcePath(RESOURCE_DEFS.nodes, "v1", undefined, input.node);
      await k.client.request("PATCH", path, { body: { spec: { unschedulable: input.unschedulable || null } } });
    },
    ctx,
  );
}
