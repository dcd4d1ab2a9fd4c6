import { notFound } from "next/navigation";
import { ServiceFormView } from "@/components/swarm/ServiceFormView";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

export default async function NewServicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await swarmPageContext(id);
  if (!ctx?.canOperate) notFound();
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="services" title={`Create a service on ${ctx.endpoint.name}`}>
      <ServiceFormView endpointId={id} />
    </SwarmHeader>
  );
}
