import type { Actor } from "@/lib/domain";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { type Action, can, type Resource } from "@/lib/policy";

/**
 * Throws unless the actor may do `action` on `resource`. An endpoint the actor cannot even read answers 404, so ids
 * cannot be probed; one it can read but not act on answers 403.
 */
export function authorize(
  actor: Actor | null | undefined,
  action: Action,
  resource: Resource = {},
): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (can(actor, action, resource)) return;
  if (resource.endpointId && !can(actor, "endpoint:read", resource)) throw new NotFoundError("Endpoint not found");
  throw new ForbiddenError();
}
