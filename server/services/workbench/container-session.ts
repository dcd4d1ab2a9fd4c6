import type { Actor, ContainerSummary } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import type { KeyedStore } from "@/server/endpoints/keyed-store";
import type { EndpointSession } from "@/server/endpoints/session";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/** The engine id for a container reference (full id, unique id prefix or name), from the session's store. */
export function resolveContainerId(session: EndpointSession, ref: string): string | undefined {
  const containers = session.store<ContainerSummary>("containers");
  if (!containers) return undefined;
  if (containers.has(ref)) return ref;
  let found: string | undefined;
  for (const c of containers.values()) {
    if (c.name === ref) return c.id;
    if (ref.length >= 6 && c.id.startsWith(ref)) {
      if (found) return undefined; // ambiguous prefix
      found = c.id;
    }
  }
  return found;
}

/** The session's container store; endpoints of a kind without containers refuse clearly. */
export function containersIn(session: EndpointSession): KeyedStore<ContainerSummary> {
  const store = session.store<ContainerSummary>("containers");
  if (!store) throw new UserError("This endpoint has no containers", 409, "wrong_kind");
  return store;
}

/** Authorizes, then finds the endpoint's session and the container's id; 404 for an unknown endpoint. */
export function containerSession(
  actor: Actor | null,
  action: Action,
  endpointId: string,
  containerRef: string,
): { session: EndpointSession; containerId: string } {
  authorize(actor, action, { endpointId });
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  containersIn(session);
  // The store can lag a container created a moment ago: then the engine itself resolves the reference (and answers
  // 404 for one that does not exist).
  const containerId = resolveContainerId(session, containerRef) ?? containerRef;
  return { session, containerId };
}

/**
 * The full engine id for a container reference: from the store, else from the engine itself (a container created a
 * moment ago that the store has not seen yet). Undefined when the engine knows no such container.
 */
export async function resolveContainerIdByEngine(session: EndpointSession, ref: string): Promise<string | undefined> {
  return resolveContainerId(session, ref) ?? (await session.lookupContainer(ref));
}
