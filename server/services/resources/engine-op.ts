import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import { dockerOf } from "@/server/endpoints/access";
import { describeDockerError, isUnavailable } from "@/server/endpoints/docker/connect";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export interface OpContext {
  source?: string;
}

interface EngineError {
  statusCode?: number;
  json?: { message?: string } | string | null;
  message?: string;
}

/** The engine's own words for a refused request (conflict, not found, bad parameter), trimmed; else a generic one. */
export function engineMessage(err: unknown): string {
  const e = err as EngineError;
  const json = typeof e?.json === "string" ? safeParse(e.json) : e?.json;
  const msg = json && typeof json === "object" ? json.message : undefined;
  if (typeof e?.statusCode === "number" && typeof msg === "string" && msg) return msg.slice(0, 400);
  // Streamed requests (pulls) carry the engine's words only in the message: "(HTTP code 500) server error - ...".
  const tail = typeof e?.message === "string" ? /\(HTTP code \d+\)[^-]*- (.+)$/s.exec(e.message)?.[1]?.trim() : "";
  if (typeof e?.statusCode === "number" && tail) return tail.slice(0, 400);
  return describeDockerError(err);
}

function safeParse(s: string): { message?: string } | null {
  try {
    return JSON.parse(s);
  } catch {
    return { message: s };
  }
}

/** 4xx from the engine stay 4xx for the caller; anything else is a conflict with the engine's state (409). */
export function toUserError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (isUnavailable(err)) return new UserError(describeDockerError(err), 503, "engine_unavailable");
  const status = (err as EngineError)?.statusCode;
  const code = status === 404 ? 404 : status === 400 ? 400 : 409;
  return new UserError(engineMessage(err), code, "engine_error");
}

/** The Docker engine of an endpoint (authorize first). */
export function sessionFor(endpointId: string): DockerAccess {
  return dockerOf(endpointId);
}

/** A read against one endpoint's engine: authorize, then run with the session's timed client. */
export async function engineRead<T>(
  actor: Actor | null,
  action: Action,
  endpointId: string,
  fn: (api: Docker, session: DockerAccess) => Promise<T>,
): Promise<T> {
  authorize(actor, action, { endpointId });
  const session = sessionFor(endpointId);
  try {
    return await fn(session.api, session);
  } catch (err) {
    throw toUserError(err);
  }
}

/**
 * The shape every mutation shares: authorize (a refusal is audited too), run against the engine, audit the outcome,
 * and turn engine errors into messages a user can act on.
 */
export async function engineOp<T>(
  actor: Actor | null,
  spec: {
    permission: Action;
    audit: string;
    endpointId: string;
    target: string;
    detail?: string;
    /** How long the engine may take to answer (default: a quick action, 60 s). */
    budgetMs?: number;
  },
  fn: (api: Docker, session: DockerAccess) => Promise<T>,
  ctx: OpContext = {},
): Promise<T> {
  const audit = {
    actor,
    action: spec.audit,
    endpointId: spec.endpointId,
    target: spec.target.slice(0, 300),
    source: ctx.source,
  };
  try {
    authorize(actor, spec.permission, { endpointId: spec.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = sessionFor(spec.endpointId);
  try {
    const result = await fn(session.client(spec.budgetMs ?? BUDGET_MS.action), session);
    await recordAudit({ ...audit, outcome: "success", detail: spec.detail });
    return result;
  } catch (err) {
    const ue = toUserError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: ue.message });
    throw ue;
  }
}
