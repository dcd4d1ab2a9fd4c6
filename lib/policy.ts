import type { Actor, EndpointRole } from "./domain";

/**
 * Every permission Berth knows. Each entry point names one of these; the policy below decides.
 * Global actions take no resource; endpoint actions need the endpoint id.
 */
export const ACTIONS = {
  "endpoint:read": "endpoint",
  "container:read": "endpoint",
  "container:operate": "endpoint",
  // Console into a container, and inspect with env values and other secrets: operators and admins only.
  "container:exec": "endpoint",
  "container:inspect-secrets": "endpoint",
  "endpoint:manage": "global",
  "audit:read": "global",
  "user:manage": "global",
} as const;

export type Action = keyof typeof ACTIONS;

export interface Resource {
  endpointId?: string;
}

const ROLE_ALLOWS: Record<EndpointRole, ReadonlySet<Action>> = {
  viewer: new Set<Action>(["endpoint:read", "container:read"]),
  operator: new Set<Action>([
    "endpoint:read",
    "container:read",
    "container:operate",
    "container:exec",
    "container:inspect-secrets",
  ]),
};

/** The one authorization decision in Berth. Pure: same answer in services, route handlers and the socket gateway. */
export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  if (ACTIONS[action] === "global") return false;
  const endpointId = resource.endpointId;
  if (!endpointId) return false;
  const role = Object.hasOwn(actor.grants, endpointId) ? actor.grants[endpointId] : undefined;
  return role ? ROLE_ALLOWS[role].has(action) : false;
}

/** Endpoints an actor may see at all; `null` means every endpoint (admin). */
export function visibleEndpointIds(actor: Actor): Set<string> | null {
  if (actor.isAdmin) return null;
  return new Set(Object.keys(actor.grants));
}
