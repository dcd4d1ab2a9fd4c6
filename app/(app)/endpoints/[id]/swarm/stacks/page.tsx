import { notFound } from "next/navigation";
import { StacksView } from "@/components/swarm/StacksView";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

export default async function SwarmStacksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="stacks">
      <StacksView endpointId={id} services={listSwarm(ctx.actor, id, "services")} canOperate={ctx.canOperate} />
    </SwarmHeader>
  );
}
