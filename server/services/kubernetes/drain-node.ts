import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { kubeDrainInput } from "@/lib/kube-schemas";
import { KubeApiError } from "@/server/endpoints/kubernetes/kube-client";
import type { KubeList, KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp } from "./kube-op";

export interface DrainResult {
  evicted: string[];
  /** DaemonSet pods (their controller would put them back) and mirror pods (the kubelet owns them). */
  skipped: string[];
  /** Evictions the API server refused (a PodDisruptionBudget, say), with its reason. */
  failed: { pod: string; reason: string }[];
}

const id = (p: KubeObject) => `${p.metadata?.namespace}/${p.metadata?.name}`;

/**
 * `kubectl drain --ignore-daemonsets`: cordon the node, then evict its pods through the Eviction API (which honours
 * PodDisruptionBudgets). Pods no controller manages are refused unless `force` (they would not come back). Admins
 * only; the evictions are asked for, not waited on: the pods list shows them terminate.
 */
export async function drainNode(actor: Actor | null, input: z.infer<typeof kubeDrainInput>, ctx?: KubeOpContext) {
  const spec = {
    action: "k8s.drain",
    permission: "kube:cluster" as const,
    endpointId: input.endpointId,
    target: `nodes/${input.node}`,
    detail: input.force ? "force" : undefined,
  };
  return kubeOp(
    actor,
    spec,
    async (k): Promise<DrainResult> => {
      const nodePath = resourcePath(RESOURCE_DEFS.nodes, "v1", undefined, input.node);
      await k.client.request("GET", nodePath);
      const pods = await k.client.request<KubeList>("GET", resourcePath(RESOURCE_DEFS.pods, "v1"), {
        query: { fieldSelector: `spec.nodeName=${input.node}` },
      });
      const active = (pods.items ?? []).filter((p) => !["Succeeded", "Failed"].includes(p.status?.phase));
      const skipped = active.filter(
        (p) =>
          p.metadata?.ownerReferences?.some((o) => o?.kind === "DaemonSet") ||
          p.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined,
      );
      const targets = active.filter((p) => !skipped.includes(p));
      const unmanaged = targets.filter((p) => !p.metadata?.ownerReferences?.some((o) => o?.controller));
      if (unmanaged.length && !input.force)
        throw new UserError(
          `Not drained: ${unmanaged.length} pod(s) no controller manages would be gone for good (${unmanaged
            .slice(0, 5)
            .map(id)
            .join(", ")}). Drain with "force" to evict them anyway.`,
          409,
          "unmanaged_pods",
        );
      await k.client.request("PATCH", nodePath, { body: { spec: { unschedulable: true } } });
      const result: DrainResult = { evicted: [], skipped: skipped.map(id), failed: [] };
      for (const p of targets) {
        const ns = p.metadata?.namespace ?? "";
        const name = p.metadata?.name ?? "";
        try {
          await k.client.request("POST", `${resourcePath(RESOURCE_DEFS.pods, "v1", ns, name)}/eviction`, {
            // policy/v1beta1 is what a 1.20 API server serves (policy/v1 Eviction came with 1.22); both accept it.
            body: { apiVersion: "policy/v1beta1", kind: "Eviction", metadata: { name, namespace: ns } },
          });
          result.evicted.push(id(p));
        } catch (err) {
          if (err instanceof KubeApiError && err.status === 404) continue; // gone meanwhile
          result.failed.push({ pod: id(p), reason: (err as Error).message.slice(0, 300) });
        }
      }
      return result;
    },
    ctx,
  );
}
