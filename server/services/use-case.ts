import { type AtomicWrite, atomically } from "@/db/atomic";
import { insertAuditStmt } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UnauthenticatedError, UserError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { storageFailure } from "@/lib/storage-errors";
import { runtime } from "@/server/runtime";
import { type AuditEntry, auditRow, recordAudit } from "./audit/record-audit";
import { authorize } from "./authorize";

/** Where a use case was asked from, for its audit record: one context type for every service. */
export interface UseCaseContext {
  /** "ui" (server actions), "api" (route handlers), "console" (socket events), "system" (Berth itself). */
  source?: string;
}

export interface UseCaseSpec<R = unknown> {
  /** The audit action ("container.stop"). Without one the use case is a read: authorized, never audited. */
  audit?: string;
  /**
   * What the actor must be allowed (every one of a list); "authenticated": any signed-in user (the use case scopes
   * itself to them).
   */
  permission: Action | readonly Action[] | "authenticated";
  /** The endpoint (and namespace) the permission is checked on; the audit record names the endpoint too. */
  resource?: Resource;
  /** The endpoint the record names when the permission is global (an admin editing an endpoint). */
  endpointId?: string;
  /** What the audit record names; the use case may refine it (a container's name for its id). */
  target?: string;
  /** The success record's detail; the use case may set or refine it. */
  detail?: string;
  /** Named before the message of a refusal or failure (an exec's command line). */
  step?: string;
  /**
   * The use case talks to the endpoint's engine: its failures reach the user in the engine's own words, mapped by
   * the endpoint's kind (Docker: the engine's message, 404/400 kept, refusals 409, unreachable 503).
   */
  engine?: boolean;
  /** The success record's detail from the result, when the result says it best ("3 items"). */
  describe?: (result: R) => string | undefined;
}

/** The audit record being written, which the use case may refine while it runs. */
export interface AuditNote {
  target?: string;
  /** The endpoint the record names, when the permission is global (an admin editing an endpoint). */
  endpointId?: string;
  detail?: string;
  /** The step under way, named in a failure's record ("pull busybox:1: manifest unknown"). */
  step?: string;
  /** A partial result the use case reports as a failure without throwing (a prune that removed nothing). */
  outcome?: "success" | "failure";
  /** The use case records its success itself, later (a pull audits when the stream ends). */
  later?: boolean;
  /**
   * Runs the use case's database change and writes its success record in the same transaction: the change and its
   * audit record commit together or not at all (an audit row the database refuses rolls the change back). Call it
   * once, with everything the record says (target, detail) set by the time the write ends.
   */
  commit<T>(write: AtomicWrite<T>): Promise<T>;
}

/**
 * The one way Berth runs a use case: authorize the actor (a refusal is audited as denied), run, audit the outcome,
 * and turn engine failures into UserErrors a person can act on. Refusals the use case itself finds while running
 * (a restriction a non-admin breaks) are thrown as ForbiddenError and audited as denied too. A read (no `audit`)
 * goes through the same authorization and error mapping, and writes nothing.
 */
export async function useCase<R>(
  actor: Actor | null,
  spec: UseCaseSpec<R>,
  run: (actor: Actor, audit: AuditNote) => Promise<R> | R,
  ctx?: UseCaseContext,
): Promise<R> {
  let committed = false;
  const note: AuditNote = {
    target: spec.target,
    detail: spec.detail,
    endpointId: spec.endpointId,
    step: spec.step,
    async commit<T>(write: AtomicWrite<T>): Promise<T> {
      if (committed) throw new Error("a use case commits once");
      const entry = (): AuditEntry => ({
        actor,
        action: spec.audit ?? "",
        endpointId: endpointOf(),
        target: note.target?.slice(0, 300),
        outcome: note.outcome ?? "success",
        detail: note.detail,
        source: ctx?.source,
      });
      const result = await atomically(runtime().db, function* (tx) {
        const out = yield* write(tx);
        if (spec.audit) yield insertAuditStmt(tx, auditRow(entry()));
        return out;
      });
      committed = true;
      return result;
    },
  };
  const withStep = (message: string) => (note.step ? `${note.step}: ${message}` : message);
  const endpointOf = () => note.endpointId ?? spec.resource?.endpointId;
  const record = (outcome: AuditEntry["outcome"], detail: string | undefined) =>
    spec.audit
      ? recordAudit({
          actor,
          action: spec.audit,
          endpointId: endpointOf(),
          target: note.target?.slice(0, 300),
          outcome,
          detail,
          source: ctx?.source,
        })
      : Promise.resolve();
  try {
    if (spec.permission === "authenticated") {
      if (!actor) throw new UnauthenticatedError();
    } else {
      const permissions = [spec.permission].flat() as Action[];
      // An empty list would authorize nothing: a bug, never a pass.
      if (!permissions.length) throw new Error(`use case ${spec.audit ?? "(read)"} names no permission`);
      for (const p of permissions) authorize(actor, p, spec.resource);
    }
  } catch (err) {
    await record("denied", withStep((err as Error).message));
    throw err;
  }
  let result: R;
  try {
    result = await run(actor as Actor, note);
  } catch (err) {
    const mapped = spec.engine ? engineFailure(endpointOf(), err) : err;
    // A refusal found while running (a restriction, a throttle) is a denial, like the actor's permission.
    if (mapped instanceof ForbiddenError || (mapped instanceof UserError && mapped.status === 429))
      await record("denied", withStep(mapped.message));
    else await record("failure", withStep(mapped instanceof UserError ? mapped.message : "unexpected error"));
    throw mapped;
  }
  if (!note.later && !committed) await record(note.outcome ?? "success", spec.describe?.(result) ?? note.detail);
  return result;
}

/** An engine failure in the words of the endpoint's kind; a UserError (or an unknown endpoint) passes unchanged. */
function engineFailure(endpointId: string | undefined, err: unknown): unknown {
  // A database failure (down, disk full) keeps its own answer (503/507 with a retry message).
  if (err instanceof UserError || !endpointId || storageFailure(err)) return err;
  const session = runtime().endpoints.session(endpointId);
  return session ? session.userError(err) : err;
}

/**
 * A refusal before any use case ran (an entry point that refused the request: wrong Origin, not signed in, not
 * allowed), recorded like the use case's own refusals.
 */
export function recordRefusal(
  actor: Actor | null,
  action: string,
  err: unknown,
  where: { endpointId?: string; target?: string; source?: string } = {},
): Promise<void> {
  return recordAudit({ actor, action, ...where, outcome: "denied", detail: (err as Error).message });
}
