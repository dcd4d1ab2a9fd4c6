import type { Actor, EndpointRole } from "./domain";

/**
 * Every permission Berth knows. Each entry point names one of these; the policy below decides.
 * Global actions take no resource; endpoint actions need the endpoint id.
 */
export const ACTIONS = {
  "endpoint:read": "endpoint",
  "container:read": "endpoint",
  "container:operate": "endpoint",
  "container:create": "endpoint",
  "image:read": "endpoint",
  "image:manage": "endpoint",
  "network:read": "endpoint",
  "network:manage": "endpoint",
  "volume:read": "endpoint",
  "volume:manage": "endpoint",
  "event:read": "endpoint",
  // Swarm (a manager endpoint): viewers read, operators change services, secrets, configs and stacks; only admins
  // manage nodes (drain, promote, remove), which changes where everybody's workloads run.
  "swarm:read": "endpoint",
  "swarm:operate": "endpoint",
  "swarm:nodes": "endpoint",
  "registry:manage": "global",
  // Console into a container, and inspect with env values and other secrets: operators and admins only.
  "container:exec": "endpoint",
  "container:inspect-secrets": "endpoint",
  "endpoint:manage": "global",
  "audit:read": "global",
  "user:manage": "global",
  "team:manage": "global",
  "grant:manage": "global",
  "settings:manage": "global",
  // Compose public status pages (what anyone may see without signing in): admins only.
  "statuspage:manage": "global",
  // Alerts: admins manage channels (they hold webhook URLs, tokens, SMTP logins); operators manage rules per endpoint.
  "alert:channels": "global",
  "alert:rules": "endpoint",
} as const;

export type Action = keyof typeof ACTIONS;

/** What an endpoint-scoped action is checked on: an endpoint, and for namespaced kinds (Kubernetes) a namespace. */
export interface Resource {
  endpointId?: string;
  namespace?: string;
}

// Images, networks, volumes and the events feed: viewers read, operators also change them.
const RESOURCE_READS: Action[] = ["image:read", "network:read", "volume:read", "event:read", "swarm:read"];
const RESOURCE_MANAGE: Action[] = ["image:manage", "network:manage", "volume:manage"];

const ROLE_ALLOWS: Record<EndpointRole, ReadonlySet<Action>> = {
  viewer: new Set<Action>(["endpoint:read", "container:read", ...RESOURCE_READS]),
  operator: new Set<Action>([
    "endpoint:read",
    "container:read",
    "container:operate",
    "container:create",
    ...RESOURCE_READS,
    ...RESOURCE_MANAGE,
    "container:exec",
    "container:inspect-secrets",
    "swarm:operate",
    "alert:rules",
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

/**
 * Socket events the gateway handles and what each needs. subscribe/unsubscribe are authorized per topic (see the
 * topic handlers' permission). The authorization matrix test fails when a socket event has no entry here.
 */
export const SOCKET_EVENTS: Record<string, Action | "authenticated" | "public"> = {
  subscribe: "authenticated",
  unsubscribe: "authenticated",
  // Container workbench (server/realtime/workbench-events.ts): each event re-loads and authorizes its actor.
  "logs:search": "container:read",
  "exec:start": "container:exec",
  "exec:input": "container:exec",
  "exec:resize": "container:exec",
  "exec:close": "container:exec",
  // The anonymous "/public" namespace (server/realtime/public-gateway.ts): status pages only, rate-limited per client,
  // payloads built by lib/status-view.ts. Its sockets cannot use any event above.
  "status:subscribe": "public",
  "status:unsubscribe": "public",
};
