import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { SwarmItems, SwarmResource } from "@/lib/swarm";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

const byName: Record<SwarmResource, (x: never) => string> = {
  nodes: (n: SwarmItems["nodes"]) => n.hostname,
  services: (s: SwarmItems["services"]) => s.name,
  tasks: (t: SwarmItems["tasks"]) => `${t.serviceId}.${String(t.slot ?? 0).padStart(6, "0")}.${t.createdAt}`,
  secrets: (s: SwarmItems["secrets"]) => s.name,
  configs: (c: SwarmItems["configs"]) => c.name,
};

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
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  const key = byName[resource] as (x: SwarmItems[R]) => string;
  return session.swarm.snapshot(resource).sort((a, b) => key(a).localeCompare(key(b)));
}

/** Whether the endpoint is a reachable swarm manager (pages show Swarm only then). */
export function isSwarmManager(actor: Actor | null, endpointId: string): boolean {
  authorize(actor, "swarm:read", { endpointId });
  return runtime().endpoints.session(endpointId)?.swarm.active === true;
}
