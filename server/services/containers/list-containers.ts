import type { Actor, ContainerSummary } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

export function listContainers(actor: Actor | null, endpointId: string): ContainerSummary[] {
  authorize(actor, "container:read", { endpointId });
  const session = runtime().endpoints.session(endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  return (session.store<ContainerSummary>("containers")?.snapshot() ?? []).sort((a, b) => a.name.localeCompare(b.name));
}
