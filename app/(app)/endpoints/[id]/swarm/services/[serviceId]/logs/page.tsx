import { notFound } from "next/navigation";
import { ServiceLogs } from "@/components/swarm/ServiceLogs";
import { SwarmHeader } from "@/components/swarm/SwarmHeader";
import { UserError } from "@/lib/errors";
import { getService } from "@/server/services/swarm/get-service";
import { listSwarm } from "@/server/services/swarm/list-swarm";
import { swarmPageContext } from "@/server/services/swarm/swarm-page";

export const dynamic = "force-dynamic";

/** Logs of one service: every task, or the one `?task=` names. */
export default async function ServiceLogsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; serviceId: string }>;
  searchParams: Promise<{ task?: string }>;
}) {
  const { id, serviceId } = await params;
  const { task } = await searchParams;
  const ctx = await swarmPageContext(id);
  if (!ctx) notFound();
  const detail = await getService(ctx.actor, id, decodeURIComponent(serviceId)).catch((err) => {
    if (err instanceof UserError) return null;
    throw err;
  });
  if (!detail) notFound();
  const s = detail.service;
  return (
    <SwarmHeader endpoint={ctx.endpoint} tab="services" title={`Logs of service ${s.name}`}>
      <ServiceLogs
        endpointId={id}
        service={{ id: s.id, name: s.name }}
        tasks={detail.tasks}
        nodes={listSwarm(ctx.actor, id, "nodes")}
        initialTask={task && /^[a-z0-9]{1,64}$/.test(task) ? task : undefined}
      />
    </SwarmHeader>
  );
}
