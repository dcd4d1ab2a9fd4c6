import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import type { DockerSession } from "@/server/endpoints/docker/docker-session";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/** The engine id for a container reference (full id, unique id prefix or name), from the session's store. */
export function resolveContainerId(session: DockerSession, ref: string): string | undefined {
  if (session.containers.has(ref)) return ref;
  let found: string | undefined;
  for (const c of session.containers.values()) {
    if (c.name === ref) return c.id;
    if (ref.length >= 6 && c.id.startsWith(ref)) {
      if (found) return undefined; // ambiguous prefix
      found = c.id;
    }
  }
  return found;
}

/** Authorizes, then finds the endpoint's session and the container's id; 404 for an unknown endpoint. */
export function containerSession(
  actor: Actor | null,
  action: Action,
  endpointId: string,
  containerRef: string,
): { session: DockerSession; containerId: string } {
  authorize(actor, action, { endpointId });
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  // The store can lag a container created a moment ago: then the engine itself resolves the reference (and answers
  // 404 for one that does not exist).
  const containerId = resolveContainerId(session, containerRef) ?? containerRef;
  return { session, containerId };
}

/**
 * The full engine id for a container reference: from the store, else from the engine itself (a container created a
 * moment ago that the store has not seen yet). Undefined when the engine knows no such container.
 */
export async function resolveContainerIdByEngine(session: DockerSession, ref: string): Promise<string | undefined> {
  const known = resolveContainerId(session, ref);
  if (known) return known;
  try {
    const info = (await session.api.getContainer(ref).inspect()) as { Id?: string };
    return info.Id;
  } catch {
    return undefined;
  }
}
