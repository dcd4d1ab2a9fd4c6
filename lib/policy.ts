import type { Actor, EndpointRole, NamespacedRoles } from "./domain";

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
  // Kubernetes: read objects; act on them (scale, restart, delete, apply) in the namespaces granted; console into
  // a pod; reveal a Secret's values and act on cluster-scoped objects (nodes, namespaces, PVs): admins only.
  "kube:read": "endpoint",
  "kube:operate": "endpoint",
  "kube:exec": "endpoint",
  "kube:reveal-secret": "endpoint",
  "kube:cluster": "endpoint",
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
  viewer: new Set<Action>(["endpoint:read", "container:read", ...RESOURCE_READS, "kube:read"]),
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
    "kube:read",
    "kube:operate",
    "kube:exec",
    "alert:rules",
  ]),
};

const RANK: Record<EndpointRole, number> = { viewer: 1, operator: 2 };

/** The stronger of two roles (either may be absent). */
export function strongerRole(a: EndpointRole | undefined, b: EndpointRole | undefined): EndpointRole | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

const own = <T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  o && Object.hasOwn(o, key) ? o[key] : undefined;

/**
 * The one authorization decision in Berth. Pure: same answer in services, route handlers and the socket gateway.
 * On a Kubernetes endpoint where the actor's grants name namespaces, a question about one namespace is answered by
 * the role held there (or cluster-wide), and a question about no namespace (all namespaces, nodes, namespaces
 * themselves) only by a cluster-wide role; seeing the endpoint needs any grant. Docker resources carry no namespace.
 */
export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  if (ACTIONS[action] === "global") return false;
  const endpointId = resource.endpointId;
  if (!endpointId) return false;
  const role = own(actor.grants, endpointId);
  if (!role) return false;
  const scoped: NamespacedRoles | undefined = own(actor.namespaced, endpointId);
  if (!scoped || action === "endpoint:read") return ROLE_ALLOWS[role].has(action);
  const ns = resource.namespace;
  const effective = strongerRole(scoped.all, ns ? own(scoped.byNamespace, ns) : undefined);
  return effective ? ROLE_ALLOWS[effective].has(action) : false;
}

/**
 * The namespaces an actor may use on an endpoint with `action`: null when it may use all of them (admins, grants
 * without namespaces), else the named ones, sorted. For pickers and default filters; `can` stays the decision.
 */
export function allowedNamespaces(actor: Actor, endpointId: string, action: Action): string[] | null {
  if (can(actor, action, { endpointId })) return null;
  const scoped = own(actor.namespaced, endpointId);
  if (!scoped) return [];
  return Object.keys(scoped.byNamespace)
    .filter((ns) => can(actor, action, { endpointId, namespace: ns }))
    .sort();
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
  // Searches a logs topic's backlog: container:read for a container's, kube:read in the namespace for a pod's.
  "logs:search": "container:read",
  // A pod's console (Kubernetes) is authorized with kube:exec in the pod's namespace instead.
  "exec:start": "container:exec",
  "exec:input": "container:exec",
  "exec:resize": "container:exec",
  "exec:close": "container:exec",
  // The anonymous "/public" namespace (server/realtime/public-gateway.ts): status pages only, rate-limited per client,
  // payloads built by lib/status-view.ts. Its sockets cannot use any event above.
  "status:subscribe": "public",
  "status:unsubscribe": "public",
};
