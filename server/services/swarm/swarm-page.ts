import type { Actor, EndpointView } from "@/lib/domain";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { getEndpoint } from "../endpoints/list-endpoints";

/** What every swarm page starts from: the actor, and the endpoint if the actor may read its swarm (else null). */
export async function swarmPageContext(
  endpointId: string,
): Promise<{ actor: Actor; endpoint: EndpointView; canOperate: boolean; canManageNodes: boolean } | null> {
  const actor = await requestActor();
  if (!actor || !can(actor, "swarm:read", { endpointId })) return null;
  const endpoint = getEndpoint(actor, endpointId);
  if (!endpoint) return null;
  return {
    actor,
    endpoint,
    canOperate: can(actor, "swarm:operate", { endpointId }),
    canManageNodes: can(actor, "swarm:nodes", { endpointId }),
  };
}
