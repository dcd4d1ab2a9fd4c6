import { notFound } from "next/navigation";
import { NodeDetail } from "@/components/swarm/NodeDetail";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

/** One swarm node with the tasks on it. */
export default async function SwarmNodePage({ params }: { params: Promise<{ id: string; nodeId: string }> }) {
  const { id, nodeId } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  const ref = decodeURIComponent(nodeId);
  const nodes = listSwarm(ctx.actor, id, "nodes");
  const node = nodes.find((n) => n.id === ref || n.hostname === ref);
  if (!node) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="nodes" title={`Node ${node.hostname}`}>
      <NodeDetail
        endpointId={id}
        node={node}
        nodes={nodes}
        services={listSwarm(ctx.actor, id, "services")}
        tasks={listSwarm(ctx.actor, id, "tasks")}
      />
    </SwarmHeader>
  );
}
