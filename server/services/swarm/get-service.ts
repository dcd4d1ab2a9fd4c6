import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { SwarmService, SwarmTask } from "@/lib/swarm";
import type { ServiceForm } from "@/lib/swarm-schemas";
import { fromServiceSpec } from "@/lib/swarm-service-spec";
import { findIn, swarmRead } from "./swarm-op";

export interface ServiceDetail {
  service: SwarmService;
  tasks: SwarmTask[];
  /** The spec as the form edits it; environment values are hidden from those who may not change the service. */
  form: ServiceForm;
  hasPrevious: boolean;
}

/** One service with its tasks (newest first) and its spec as a form. */
export function getService(actor: Actor | null, endpointId: string, serviceId: string): Promise<ServiceDetail> {
  return swarmRead(actor, endpointId, async (api, store) => {
    const service = findIn(store.stores.services.values(), serviceId, (s) => s.name);
    if (!service) throw new NotFoundError(`No service ${serviceId}`);
    const raw = (await api.getService(service.id).inspect()) as { Spec?: unknown; PreviousSpec?: unknown };
    const tasks = [...store.stores.tasks.values()]
      .filter((t) => t.serviceId === service.id)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const form = fromServiceSpec(raw.Spec);
    // Environment values can be credentials: only those who may change the service see them.
    if (!can(actor, "swarm:operate", { endpointId })) form.env = form.env.map((e) => `${e.slice(0, e.indexOf("="))}=…`);
    return { service, tasks, form, hasPrevious: Boolean(raw.PreviousSpec) };
  });
}
