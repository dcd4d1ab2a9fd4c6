import type { Actor } from "@/lib/domain";
import { dockerOf } from "@/server/endpoints/access";
import { serviceLogOrigin } from "@/server/endpoints/docker/service-logs";
import type { LogOrigin } from "@/server/endpoints/session";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { findIn } from "./swarm-op";

type Target = { serviceId: string; taskId?: string } | { error: string };

/** The service (and task) a logs topic names, looked up in the live stores; or why there is nothing to stream. */
function resolve(endpointId: string, serviceRef: string, task: string): Target {
  if (runtime().endpoints.session(endpointId)?.kind !== "docker") return { error: "This endpoint has no swarm" };
  const swarm = dockerOf(endpointId).swarm;
  if (!swarm.active) return { error: "This endpoint is not a Swarm manager" };
  const service = findIn(swarm.stores.services.values(), serviceRef, (s) => s.name);
  if (!service) return { error: `No service ${serviceRef}` };
  if (task === "all") return { serviceId: service.id };
  const t = swarm.stores.tasks.get(task);
  if (!t || t.serviceId !== service.id) return { error: `No task ${task} of ${service.name}` };
  return { serviceId: service.id, taskId: t.id };
}

/**
 * For a subscriber of a service's logs: authorized (swarm:read), then the target or the reason there is none, which
 * the viewer shows in place of lines (an endpoint that is no manager, a service or task that is gone).
 */
export function serviceLogTarget(actor: Actor | null, endpointId: string, serviceRef: string, task: string): Target {
  authorize(actor, "swarm:read", { endpointId });
  return resolve(endpointId, serviceRef, task);
}

/** The upstream of a service-logs topic (opened once for all its subscribers, who were authorized each). */
export function serviceLogOriginFor(endpointId: string, serviceRef: string, task: string): LogOrigin | undefined {
  const target = resolve(endpointId, serviceRef, task);
  if ("error" in target) return undefined;
  return serviceLogOrigin(dockerOf(endpointId), target.serviceId, target.taskId);
}
