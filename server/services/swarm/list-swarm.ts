import type { Actor } from "@/lib/domain";
import { SWARM_ORDER, type SwarmItems, type SwarmResource } from "@/lib/swarm";
import { dockerOf } from "@/server/endpoints/access";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/**
 * One swarm store of an endpoint, from the live store the session keeps (never a fresh engine call). An endpoint that
 * is not a swarm manager has empty stores, so its lists are empty rather than an error: a live view opened before the
 * endpoint joins a swarm fills in when it does.
 */
export function listSwarm<R extends SwarmResource>(
  actor: Actor | null,
  endpointId: string,
  resource: R,
): SwarmItems[R][] {
  authorize(actor, "swarm:read", { endpointId });
  const key = SWARM_ORDER[resource] as (x: SwarmItems[R]) => string;
  return dockerOf(endpointId)
    .swarm.snapshot(resource)
    .sort((a, b) => key(a).localeCompare(key(b)));
}

/** Whether the endpoint is a reachable swarm manager (pages show Swarm only then). */
export function isSwarmManager(actor: Actor | null, endpointId: string): boolean {
  authorize(actor, "swarm:read", { endpointId });
  return runtime().endpoints.session(endpointId)?.capabilities.has("swarm") === true;
}
