import { notFound } from "next/navigation";
import { ObjectsView } from "@/components/swarm/ObjectsView";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";
import { swarmObjectUsage } from "@/server/services/swarm/swarm-usage";

export const dynamic = "force-dynamic";

export default async function SwarmSecretsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  const swarm = ctx.endpoint.capabilities?.includes("swarm");
  const usage = swarm ? await swarmObjectUsage(ctx.actor, id).catch(() => null) : null;
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="secrets">
      <ObjectsView
        endpointId={id}
        kind="secret"
        items={listSwarm(ctx.actor, id, "secrets")}
        usedBy={usage?.secrets ?? {}}
        canOperate={ctx.canOperate}
      />
    </SwarmHeader>
  );
}
