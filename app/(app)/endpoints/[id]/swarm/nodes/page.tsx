import { notFound } from "next/navigation";
import { NodesView } from "@/components/swarm/NodesView";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

export default async function SwarmNodesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="nodes">
      <NodesView
        endpointId={id}
        nodes={listSwarm(ctx.actor, id, "nodes")}
        tasks={listSwarm(ctx.actor, id, "tasks")}
        canManage={ctx.canManageNodes}
      />
    </SwarmHeader>
  );
}
