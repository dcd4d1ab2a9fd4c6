import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export interface ServiceContext {
  /** Where the request came from ("ui", "api"), for the audit record. */
  source?: string;
}

export interface AuditedOp {
  /** Audit action name, e.g. "user.disable". */
  action: string;
  permission: Action;
  resource?: Resource;
  target?: string;
}

/**
 * The shape every admin mutation shares: authorize (refusals audited as denied), run, audit success, and audit a
 * failure a user can act on (UserError) before passing it on. Unexpected errors are audited generically.
 */
export async function runAudited<R>(
  actor: Actor | null,
  op: AuditedOp,
  ctx: ServiceContext,
  run: (actor: Actor) => Promise<R>,
  describe?: (result: R) => string | undefined,
): Promise<R> {
  const audit = {
    actor,
    action: op.action,
    endpointId: op.resource?.endpointId,
    target: op.target,
    source: ctx.source,
  };
  try {
    authorize(actor, op.permission, op.resource);
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  try {
    const result = await run(actor);
    await recordAudit({ ...audit, outcome: "success", detail: describe?.(result) });
    return result;
  } catch (err) {
    await recordAudit({
      ...audit,
      outcome: "failure",
      detail: err instanceof UserError ? err.message : "unexpected error",
    });
    throw err;
  }
}
