import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import type { SwarmStore } from "@/server/endpoints/docker/swarm-store";
import { authorize } from "../authorize";
import { engineOp, type OpContext, sessionFor, toUserError } from "../resources/engine-op";

// What every swarm use case shares: the endpoint must be a reachable swarm manager, and engine errors reach the user
// in the engine's own words (a node that is not down, a name in use, an out-of-date version).

export type { OpContext };

export function notManager(): UserError {
  return new UserError("This endpoint is not a Swarm manager", 409, "not_swarm_manager");
}

/** The session of a manager endpoint, or a 409 saying it is not one. */
export function managerSession(endpointId: string): DockerAccess {
  const session = sessionFor(endpointId);
  if (!session.swarm.active) throw notManager();
  return session;
}

/** A read of a manager endpoint: authorize, then run against its store or engine. */
export async function swarmRead<T>(
  actor: Actor | null,
  endpointId: string,
  fn: (api: Docker, store: SwarmStore) => T | Promise<T>,
  permission: Action = "swarm:read",
): Promise<T> {
  authorize(actor, permission, { endpointId });
  const session = managerSession(endpointId);
  try {
    return await fn(session.api, session.swarm);
  } catch (err) {
    throw toUserError(err);
  }
}

/** A change on a manager endpoint: authorized (refusals audited), run, audited with its outcome. */
export function swarmOp<T>(
  actor: Actor | null,
  spec: { permission: Action; audit: string; endpointId: string; target: string; detail?: string },
  fn: (api: Docker, store: SwarmStore, actor: Actor) => Promise<T>,
  ctx: OpContext = {},
): Promise<T> {
  return engineOp(
    actor,
    spec,
    async (api, session) => {
      if (!session.swarm.active) throw notManager();
      return fn(api, session.swarm, actor as Actor);
    },
    ctx,
  );
}

/** Looks an item up by id or name (services, nodes by hostname, secrets, configs) in the live store. */
export function findIn<T extends { id: string }>(
  items: Iterable<T>,
  ref: string,
  nameOf: (t: T) => string,
): T | undefined {
  let byPrefix: T | undefined;
  for (const t of items) {
    if (t.id === ref || nameOf(t) === ref) return t;
    if (ref.length >= 6 && t.id.startsWith(ref)) byPrefix = t;
  }
  return byPrefix;
}
