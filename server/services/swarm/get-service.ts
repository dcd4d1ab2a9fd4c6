import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { redactArgs, redactEnv, redactLabels } from "@/lib/redaction";
import type { SwarmService, SwarmTask } from "@/lib/swarm";
import type { ServiceForm } from "@/lib/swarm-schemas";
import { fromServiceSpec } from "@/lib/swarm-service-spec";
import { findIn, swarmRead } from "./swarm-op";

export interface ServiceDetail {
  service: SwarmService;
  tasks: SwarmTask[];
  /**
   * The spec as the form edits it. For those who may not change the service (viewers) it is redacted like a
   * container's inspect (lib/redaction.ts): environment values, secret-looking label values and command-line flags.
   */
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
    // Environment values and the like can be credentials: only those who may change the service see them.
    if (!can(actor, "swarm:operate", { endpointId })) {
      form.env = redactEnv(form.env) as string[];
      form.labels = redactLabels(form.labels);
      form.containerLabels = redactLabels(form.containerLabels);
      form.command = redactArgs(form.command) as string[];
      form.args = redactArgs(form.args) as string[];
    }
    return { service, tasks, form, hasPrevious: Boolean(raw.PreviousSpec) };
  });
}
