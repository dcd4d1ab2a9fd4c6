import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { kubePauseInput, kubeUndoInput } from "@/lib/kube-schemas";
import type { KubeRevision } from "@/lib/kube-types";
import type { KubeAccess } from "@/server/endpoints/kubernetes/kube-access";
import type { KubeList, KubeObject } from "@/server/endpoints/kubernetes/kube-object";
import { RESOURCE_DEFS, resourcePath } from "@/server/endpoints/kubernetes/resources";
import { type KubeOpContext, kubeOp, kubeRead } from "./kube-op";

// `kubectl rollout pause|resume|history|undo` for Deployments: the revision of each ReplicaSet is its
// deployment.kubernetes.io/revision annotation; undo puts that ReplicaSet's pod template back on the Deployment.

const REVISION = "deployment.kubernetes.io/revision";
const CHANGE_CAUSE = "kubernetes.io/change-cause";

type RolloutRevision = KubeRevision;

const deploymentPath = (k: KubeAccess, ns: string, name: string) =>
  resourcePath(RESOURCE_DEFS.deployments, k.versionOf("deployments") ?? "v1", ns, name);

/** The Deployment's ReplicaSets (owned by its uid), by revision. */
async function revisions(k: KubeAccess, ns: string, name: string): Promise<(RolloutRevision & { rs: KubeObject })[]> {
  const d = await k.client.request<KubeObject>("GET", deploymentPath(k, ns, name));
  const current = Number(d.metadata?.annotations?.[REVISION] ?? 0);
  const rsPath = resourcePath(RESOURCE_DEFS.replicasets, k.versionOf("replicasets") ?? "v1", ns);
  const list = await k.client.request<KubeList>("GET", rsPath);
  return (list.items ?? [])
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o?.uid === d.metadata?.uid))
    .map((rs) => {
      const revision = Number(rs.metadata?.annotations?.[REVISION] ?? 0);
      const containers = (rs.spec?.template?.spec?.containers ?? []) as { image?: string }[];
      return {
        revision,
        replicaSet: String(rs.metadata?.name ?? ""),
        images: containers.map((c) => String(c?.image ?? "")),
        changeCause: String(rs.metadata?.annotations?.[CHANGE_CAUSE] ?? ""),
        createdAt: String(rs.metadata?.creationTimestamp ?? ""),
        current: revision === current,
        rs,
      };
    })
    .filter((r) => r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

export async function rolloutHistory(
  actor: Actor | null,
  input: { endpointId: string; namespace: string; name: string },
): Promise<RolloutRevision[]> {
  return kubeRead(actor, "kube:read", input.endpointId, input.namespace, async (k) =>
    (await revisions(k, input.namespace, input.name)).map(({ rs: _rs, ...r }) => r),
  );
}

/** Pause (new template changes do not roll out) or resume a Deployment's rollout. */
export async function pauseRollout(actor: Actor | null, input: z.infer<typeof kubePauseInput>, ctx?: KubeOpContext) {
  const spec = {
    action: input.paused ? "k8s.rollout-pause" : "k8s.rollout-resume",
    permission: "kube:operate" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `deployments/${input.name}`,
  };
  await kubeOp(
    actor,
    spec,
    async (k) => {
      // null, not false: as kubectl resume does, the field is removed rather than set.
      const body = { spec: { paused: input.paused ? true : null } };
      await k.client.request("PATCH", deploymentPath(k, input.namespace, input.name), { body });
    },
    ctx,
  );
}

/** Rolls a Deployment back to a revision (0: the one before the current), as `kubectl rollout undo` does. */
export async function undoRollout(actor: Actor | null, input: z.infer<typeof kubeUndoInput>, ctx?: KubeOpContext) {
  const spec = {
    action: "k8s.rollout-undo",
    permission: "kube:operate" as const,
    endpointId: input.endpointId,
    namespace: input.namespace,
    target: `deployments/${input.name}`,
    detail: input.revision ? `to revision ${input.revision}` : "to the previous revision",
  };
  return kubeOp(
    actor,
    spec,
    async (k) => {
      const all = await revisions(k, input.namespace, input.name);
      const current = all.find((r) => r.current);
      const target = input.revision
        ? all.find((r) => r.revision === input.revision)
        : all.filter((r) => !r.current && (!current || r.revision < current.revision)).at(-1);
      if (!target) throw new UserError(input.revision ? `No revision ${input.revision}` : "No previous revision", 404);
      if (target.current) throw new UserError(`Revision ${target.revision} is the current one already`, 409);
      const template = structuredClone(target.rs.spec?.template ?? {});
      // The ReplicaSet's own selector label is added by the controller; the Deployment's template never has it.
      if (template.metadata?.labels) delete template.metadata.labels["pod-template-hash"];
      await k.client.request("PATCH", deploymentPath(k, input.namespace, input.name), {
        body: [{ op: "replace", path: "/spec/template", value: template }],
        contentType: "application/json-patch+json",
      });
      return { revision: target.revision };
    },
    ctx,
  );
}
