import type { Actor, ContainerSummary, NetworkSummary } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { buildTopology, type TopologyGraph } from "@/lib/topology";
import { dockerOf } from "@/server/endpoints/access";
import { topologyFeeds } from "@/server/hub/topology-feed";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/**
 * The network topology of one endpoint. Reading it reveals containers and networks, so it needs container:read.
 * While someone watches the endpoint the live feed's graph (with network aliases) answers; otherwise the graph is
 * built from the session's stores, without aliases (they need an inspect per container).
 */
export function getTopology(actor: Actor | null, endpointId: string): TopologyGraph {
  authorize(actor, "container:read", { endpointId });
  const feed = topologyFeeds.get(endpointId);
  if (feed) return feed.graph;
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  const swarm = session.kind === "docker" ? dockerOf(endpointId).swarm : undefined;
  return buildTopology({
    endpointId,
    networks: session.store<NetworkSummary>("networks")?.values() ?? [],
    containers: session.store<ContainerSummary>("containers")?.values() ?? [],
    // A swarm manager's nodes, tasks and services: the same graph the live feed builds.
    swarm: swarm?.active
      ? {
          nodes: swarm.stores.nodes.values(),
          services: swarm.stores.services.values(),
          tasks: swarm.stores.tasks.values(),
        }
      : undefined,
  });
}
