import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { Action } from "@/lib/policy";
import { dockerOf } from "@/server/endpoints/access";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import type { SwarmStore } from "@/server/endpoints/docker/swarm-store";
import { type UseCaseContext, useCase } from "../use-case";

// What every swarm use case shares: the endpoint must be a reachable swarm manager, and engine errors reach the user
// in the engine's own words (a node that is not down, a name in use, an out-of-date version).

export function notManager(): UserError {
  return new UserError("This endpoint is not a Swarm manager", 409, "not_swarm_manager");
}

/** The session of a manager endpoint, or a 409 saying it is not one. */
export function managerSession(endpointId: string): DockerAccess {
  const session = dockerOf(endpointId);
  if (!session.swarm.active) throw notManager();
  return session;
}

/** A read of a manager endpoint (a use case without audit): authorize, then run against its store or engine. */
export function swarmRead<T>(
  actor: Actor | null,
  endpointId: string,
  fn: (api: Docker, store: SwarmStore) => T | Promise<T>,
  permission: Action = "swarm:read",
): Promise<T> {
  return useCase(actor, { permission, resource: { endpointId }, engine: true }, () => {
    const session = managerSession(endpointId);
    return fn(session.api, session.swarm);
  });
}

/** A change on a manager endpoint, as a use case: authorized (refusals audited), run, audited with its outcome. */
export function swarmOp<T>(
  actor: Actor | null,
  spec: { permission: Action; audit: string; endpointId: string; target: string; detail?: string },
  fn: (api: Docker, store: SwarmStore, actor: Actor) => Promise<T>,
  ctx?: UseCaseContext,
): Promise<T> {
  const { endpointId, ...rest } = spec;
  return useCase(
    actor,
    { ...rest, resource: { endpointId }, engine: true },
    (me) => {
      const session = managerSession(endpointId);
      return fn(session.client(BUDGET_MS.action), session.swarm, me);
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
