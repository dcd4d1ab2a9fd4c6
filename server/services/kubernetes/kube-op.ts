import type { Actor } from "@/lib/domain";
import type { Action } from "@/lib/policy";
import { kubeOf } from "@/server/endpoints/access";
import type { KubeAccess } from "@/server/endpoints/kubernetes/kube-access";
import { type AuditNote, type UseCaseContext, useCase } from "../use-case";

export type KubeOpContext = UseCaseContext;

export interface KubeOpSpec {
  /** Audit action name, e.g. "k8s.scale". */
  action: string;
  permission: Action;
  endpointId: string;
  /** The namespace acted in; undefined for cluster-scoped objects. */
  namespace?: string;
  /** What the audit names: "deployments/web", "nodes/berth-node". */
  target: string;
  /** Extra words for the audit record on success ("replicas 3"). */
  detail?: string;
}

/**
 * A Kubernetes verb as a use case: authorized on (endpoint, namespace), run against the cluster, audited (refusals
 * included), API errors mapped by the session's kind (KubeSession.userError keeps 403/404/409/422).
 */
export function kubeOp<T>(
  actor: Actor | null,
  spec: KubeOpSpec,
  run: (kube: KubeAccess, note: AuditNote) => Promise<T>,
  ctx?: KubeOpContext,
): Promise<T> {
  return useCase(
    actor,
    {
      audit: spec.action,
      permission: spec.permission,
      resource: { endpointId: spec.endpointId, namespace: spec.namespace },
      target: spec.namespace ? `${spec.namespace}/${spec.target}` : spec.target,
      detail: spec.detail,
      engine: true,
    },
    (_actor, note) => run(kubeOf(spec.endpointId), note),
    ctx,
  );
}

/** A read: the same use case without an audit record. */
export function kubeRead<T>(
  actor: Actor | null,
  permission: Action,
  endpointId: string,
  namespace: string | undefined,
  run: (kube: KubeAccess, actor: Actor) => Promise<T>,
): Promise<T> {
  return useCase(actor, { permission, resource: { endpointId, namespace }, engine: true }, (me) =>
    run(kubeOf(endpointId), me),
  );
}
