import type { Actor, EndpointView } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { runtime } from "@/server/runtime";

/** Endpoints the actor may see; the rest are absent, not hidden. */
export function listEndpoints(actor: Actor | null): EndpointView[] {
  if (!actor) throw new UnauthenticatedError();
  return runtime()
    .endpoints.views()
    .filter((e) => can(actor, "endpoint:read", { endpointId: e.id }));
}

export function getEndpoint(actor: Actor | null, endpointId: string): EndpointView | undefined {
  return listEndpoints(actor).find((e) => e.id === endpointId);
}
