import { notFound } from "next/navigation";
import { ServiceDetail } from "@/components/swarm/ServiceDetail";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { UserError } from "@/lib/errors";
import { getService } from "@/server/services/swarm/get-service";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

export default async function ServicePage({ params }: { params: Promise<{ id: string; serviceId: string }> }) {
  const { id, serviceId } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  const detail = await getService(ctx.actor, id, decodeURIComponent(serviceId)).catch((err) => {
    if (err instanceof UserError) return null;
    throw err;
  });
  if (!detail) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="services" title={`Service ${detail.service.name}`}>
      <ServiceDetail
        endpointId={id}
        service={detail.service}
        tasks={detail.tasks}
        nodes={listSwarm(ctx.actor, id, "nodes")}
        canOperate={ctx.canOperate}
      />
    </SwarmHeader>
  );
}
