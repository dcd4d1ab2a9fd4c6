import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import { kubeOf } from "@/server/endpoints/access";
import type { KubeAccess } from "@/server/endpoints/kubernetes/kube-access";
import { KubeApiError } from "@/server/endpoints/kubernetes/kube-client";
import { describeKubeError } from "@/server/endpoints/kubernetes/kube-errors";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export interface KubeOpContext {
  source?: string;
}

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

/** API server refusals keep their status for the caller (403, 404, 409, 422); anything else is a 502-ish 409. */
export function kubeUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  const status = err instanceof KubeApiError ? err.status : undefined;
  const code = status && status >= 400 && status < 500 ? status : 409;
  return new UserError(describeKubeError(err).slice(0, 600), code, "kube_error");
}

/**
 * The use-case wrapper every Kubernetes verb goes through: authorize on (endpoint, namespace), run against the
 * cluster, audit the outcome (refusals included), and turn API errors into messages a user can act on.
 */
export async function kubeOp<T>(
  actor: Actor | null,
  spec: KubeOpSpec,
  run: (kube: KubeAccess) => Promise<T>,
  ctx: KubeOpContext = {},
): Promise<T> {
  const audit = {
    actor,
    action: spec.action,
    endpointId: spec.endpointId,
    target: spec.namespace ? `${spec.namespace}/${spec.target}` : spec.target,
    source: ctx.source,
  };
  try {
    authorize(actor, spec.permission, { endpointId: spec.endpointId, namespace: spec.namespace });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  try {
    const out = await run(kubeOf(spec.endpointId));
    await recordAudit({ ...audit, outcome: "success", detail: spec.detail });
    return out;
  } catch (err) {
    const ue = kubeUserError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: ue.message });
    throw ue;
  }
}

/** A read: authorize, then run; not audited. */
export async function kubeRead<T>(
  actor: Actor | null,
  permission: Action,
  endpointId: string,
  namespace: string | undefined,
  run: (kube: KubeAccess) => Promise<T>,
): Promise<T> {
  authorize(actor, permission, { endpointId, namespace });
  try {
    return await run(kubeOf(endpointId));
  } catch (err) {
    throw kubeUserError(err);
  }
}
