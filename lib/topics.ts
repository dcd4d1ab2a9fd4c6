import { SLUG_PATTERN } from "./status-page-schemas";

/**
 * Live topic names: what a browser may subscribe to. Each kind has one pattern; the named groups become fields of
 * the parsed topic. Anything that matches no pattern is rejected before any handler sees it.
 */
const ID = "[a-zA-Z0-9_-]{1,64}";
const CONTAINER = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}";

export const TOPIC_PATTERNS = {
  endpoints: /^endpoints$/,
  containers: new RegExp(`^endpoint:(?<endpointId>${ID}):containers$`),
  topology: new RegExp(`^endpoint:(?<endpointId>${ID}):topology$`),
  events: new RegExp(`^endpoint:(?<endpointId>${ID}):events$`),
  allEvents: /^events$/,
  pulls: new RegExp(`^endpoint:(?<endpointId>${ID}):pulls$`),
  // Container workbench: one log stream per (container, options), one stats sampler per container.
  logs: new RegExp(
    `^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):logs:(?<tail>all|\\d{1,6}):(?<since>10m|1h|4h|1d|all):(?<timestamps>[01])$`,
  ),
  stats: new RegExp(`^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):stats$`),
  // A list row's light view of the same sampler: the latest CPU and memory figures only.
  usage: new RegExp(`^endpoint:(?<endpointId>${ID}):container:(?<containerId>${CONTAINER}):usage$`),
  // One topic per swarm store of a manager endpoint, all served by one handler.
  swarm: new RegExp(`^endpoint:(?<endpointId>${ID}):swarm:(?<resource>nodes|services|tasks|secrets|configs)$`),
} as const;

export type TopicKind = keyof typeof TOPIC_PATTERNS;

export interface Topic {
  kind: TopicKind;
  name: string;
  endpointId?: string;
  containerId?: string;
  [field: string]: string | undefined;
}

export function parseTopic(raw: unknown): Topic | null {
  if (typeof raw !== "string" || raw.length > 200) return null;
  for (const [kind, re] of Object.entries(TOPIC_PATTERNS)) {
    const m = re.exec(raw);
    if (m) return { kind: kind as TopicKind, name: raw, ...(m.groups ?? {}) };
  }
  return null;
}

export const eventsTopic = (endpointId: string) => `endpoint:${endpointId}:events`;
export const pullsTopic = (endpointId: string) => `endpoint:${endpointId}:pulls`;
export const containersTopic = (endpointId: string) => `endpoint:${endpointId}:containers`;
export const swarmTopic = (endpointId: string, resource: string) => `endpoint:${endpointId}:swarm:${resource}`;
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
