import { SLUG_PATTERN } from "./status-slug";

/**
 * Live topic names: what a browser may subscribe to. The server's topic registry (server/realtime/topic-registry.ts)
 * holds one handler per kind, each with its pattern; the named groups become fields of the parsed topic. Anything
 * that matches no pattern is rejected before any handler sees it. Here: the pure parts (patterns, name builders)
 * that the browser and unit tests share.
 */
const ID = "[a-zA-Z0-9_-]{1,64}";
const CONTAINER = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}";
/** A Kubernetes namespace (an RFC 1123 label); Docker has none. */
const NAMESPACE = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
/** A store name as drivers register it: "containers", "services", "pods"... */
export const STORE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Patterns of the topics that are not a plain store. Stores share one pattern: storeTopicPattern. */
export const TOPIC_PATTERNS = {
  endpoints: /^endpoints$/,
  topology: new RegExp(`^endpoint:(?<endpointId>${ID}):topology$`),
  events: new RegExp(`^endpoint:(?<endpointId>${ID}):events$`),
  allEvents: /^events$/,
  pulls: new RegExp(`^endpoint:(?<endpointId>${ID}):pulls$`),
  // Image update check results per container (badges and the "update available" filter).
  updates: new RegExp(`^endpoint:(?<endpointId>${ID}):updates$`),
  // Compose deploys of a plain engine with their steps and pulls (lib/stack-deploy.ts).
  deploys: new RegExp(`^endpoint:(?<endpointId>${ID}):deploys$`),
  // Container workbench: one log stream per (container, options), one stats sampler per container.
  logs: new RegExp(
    `^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):logs:(?<tail>all|\\d{1,6}):(?<since>10m|1h|4h|1d|all):(?<timestamps>[01])$`,
  ),
  // Swarm service logs: every task of the service ("all") or one task, shared like container logs.
  serviceLogs: new RegExp(
    `^endpoint:(?<endpointId>${ID}):service:(?<serviceId>${CONTAINER}):logs:(?<task>all|[a-z0-9]{1,64}):(?<tail>all|\\d{1,6}):(?<since>10m|1h|4h|1d|all):(?<timestamps>[01])$`,
  ),
  stats: new RegExp(`^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):stats$`),
  // A list row's light view of the same sampler: the latest CPU and memory figures only.
  usage: new RegExp(`^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):usage$`),
} as const;

/**
 * The one topic of every live store: `endpoint:<id>:<store>`, or `endpoint:<id>:ns:<namespace>:<store>` for one
 * namespace of a namespaced kind. `names` are the registered store names (only those match).
 */
export function storeTopicPattern(names: readonly string[], namespaced = true): RegExp {
  const alternatives = names.filter((n) => STORE_NAME_PATTERN.test(n)).join("|") || "(?!)";
  const ns = namespaced ? `(?::ns:(?<namespace>${NAMESPACE}))?` : "";
  return new RegExp(`^endpoint:(?<endpointId>${ID})${ns}:(?<store>${alternatives})$`);
}

export interface Topic {
  kind: string;
  name: string;
  endpointId?: string;
  namespace?: string;
  containerId?: string;
  [field: string]: string | undefined;
}

/** The first pattern `raw` matches, as a Topic; null for anything else (and for absurdly long input). */
export function matchTopic(raw: unknown, patterns: Iterable<readonly [string, RegExp]>): Topic | null {
  if (typeof raw !== "string" || raw.length > 200) return null;
  for (const [kind, re] of patterns) {
    const m = re.exec(raw);
    if (m) {
      const groups = Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined));
      return { kind, name: raw, ...groups };
    }
  }
  return null;
}

/** A store's topic: every item, or one namespace's. */
export const storeTopic = (endpointId: string, store: string, namespace?: string) =>
  namespace ? `endpoint:${endpointId}:ns:${namespace}:${store}` : `endpoint:${endpointId}:${store}`;

export const eventsTopic = (endpointId: string) => `endpoint:${endpointId}:events`;
export const pullsTopic = (endpointId: string) => `endpoint:${endpointId}:pulls`;
export const updatesTopic = (endpointId: string) => `endpoint:${endpointId}:updates`;
export const deploysTopic = (endpointId: string) => `endpoint:${endpointId}:deploys`;
export const containersTopic = (endpointId: string) => storeTopic(endpointId, "containers");
/** A swarm manager's store (nodes, services, tasks, secrets, configs): a store like any other. */
export const swarmTopic = (endpointId: string, resource: string) => storeTopic(endpointId, resource);
export const topologyTopic = (endpointId: string) => `endpoint:${endpointId}:topology`;
export const statsTopic = (endpointId: string, containerId: string) =>
  `endpoint:${endpointId}:container:${containerId}:stats`;

/**
 * Topics of the anonymous "/public" socket namespace: nothing but status pages, whose payload is the sanitized
 * public view. They are deliberately not in TOPIC_PATTERNS: the signed-in namespace does not serve them, and the
 * public namespace serves nothing else.
 */
export const PUBLIC_TOPIC_PATTERNS = {
  status: new RegExp(`^status:(?<slug>${SLUG_PATTERN})$`),
} as const;

export type PublicTopicKind = keyof typeof PUBLIC_TOPIC_PATTERNS;

export function parsePublicTopic(raw: unknown): { kind: PublicTopicKind; name: string; slug: string } | null {
  if (typeof raw !== "string" || raw.length > 80) return null;
  const m = PUBLIC_TOPIC_PATTERNS.status.exec(raw);
  const slug = m?.groups?.slug;
  return slug && !slug.includes("--") ? { kind: "status", name: raw, slug } : null;
}

export const statusTopic = (slug: string) => `status:${slug}`;
export const usageTopic = (endpointId: string, containerId: string) =>
  `endpoint:${endpointId}:container:${containerId}:usage`;

// Referenced by patterns added later (container-scoped topics such as logs and stats).
export const CONTAINER_REF_PATTERN = CONTAINER;
