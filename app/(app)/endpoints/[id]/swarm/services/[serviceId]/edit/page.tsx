import { notFound } from "next/navigation";
import { ServiceFormView } from "@/components/swarm/ServiceFormView";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { UserError } from "@/lib/errors";
import { getService } from "@/server/services/swarm/get-service";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

export default async function EditServicePage({ params }: { params: Promise<{ id: string; serviceId: string }> }) {
  const { id, serviceId } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx?.canOperate) notFound();
  const detail = await getService(ctx.actor, id, decodeURIComponent(serviceId)).catch((err) => {
    if (err instanceof UserError) return null;
    throw err;
  });
  if (!detail) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="services" title={`Edit service ${detail.service.name}`}>
      <ServiceFormView endpointId={id} serviceId={detail.service.id} initial={detail.form} />
    </SwarmHeader>
  );
}
