// Swarm shapes as every view sees them (browser, server, tests). Mapping from the engine lives in the Docker driver
// (server/endpoints/docker/swarm-map.ts); nothing here does I/O.

export const SWARM_RESOURCES = ["nodes", "services", "tasks", "secrets", "configs"] as const;
export type SwarmResource = (typeof SWARM_RESOURCES)[number];

export interface SwarmNode {
  id: string;
  hostname: string;
  role: "manager" | "worker";
  availability: "active" | "pause" | "drain";
  /** ready, down, unknown, disconnected. */
  state: string;
  addr: string;
  leader: boolean;
  /** Managers only: reachable, unreachable, unknown. */
  reachability?: string;
  engineVersion: string;
  labels: Record<string, string>;
  nanoCpus: number;
  memoryBytes: number;
  /** The spec version an update must name (optimistic concurrency, as the engine wants it). */
  version: number;
}

export interface ServicePort {
  published?: number;
  target: number;
  protocol: string;
  mode: "ingress" | "host";
}

export interface UpdateStatus {
  /** updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  state: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
}

export interface SwarmService {
  id: string;
  name: string;
  mode: "replicated" | "global";
  /** Replicated services: the replicas asked for. */
  replicas?: number;
  /** Tasks whose state is running. */
  running: number;
  /** Replicated: `replicas`; global: tasks the orchestrator wants running (one per eligible node). */
  desired: number;
  image: string;
  ports: ServicePort[];
  updateStatus?: UpdateStatus;
  labels: Record<string, string>;
  /** `com.docker.stack.namespace`: the stack it was deployed with (by Berth or `docker stack deploy`). */
  stack?: string;
  endpointMode: string;
  /** Network ids (or names) its tasks attach to. */
  networks: string[];
  /** Fingerprint of the current task template; tasks with the same one run the current spec. */
  template: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SwarmTask {
  id: string;
  serviceId: string;
  nodeId?: string;
  /** Replicated services number their tasks; global ones do not. */
  slot?: number;
  desiredState: string;
  state: string;
  message: string;
  error?: string;
  containerId?: string;
  image: string;
  /** Fingerprint of the spec the task was made from (compare with its service's `template`). */
  template: string;
  createdAt: string;
  /** When the current state was reached. */
  timestamp: string;
}

/** A secret or config as lists show it: never its value. */
export interface SwarmObject {
  id: string;
  name: string;
  labels: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  stack?: string;
}

export type SwarmSecret = SwarmObject;
export type SwarmConfig = SwarmObject;

export interface SwarmItems {
  nodes: SwarmNode;
  services: SwarmService;
  tasks: SwarmTask;
  secrets: SwarmSecret;
  configs: SwarmConfig;
}

/** How each swarm list is ordered, wherever it is listed (the store topic's snapshot, the pages, the API). */
export const SWARM_ORDER: { [R in SwarmResource]: (item: SwarmItems[R]) => string } = {
  nodes: (n) => n.hostname,
  services: (s) => s.name,
  tasks: (t) => `${t.serviceId}.${String(t.slot ?? 0).padStart(6, "0")}.${t.createdAt}`,
  secrets: (s) => s.name,
  configs: (c) => c.name,
};

export const STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";
export const STACK_IMAGE_LABEL = "com.docker.stack.image";

/** Task states on the way to running; a task in one of these is still moving. */
const STARTING = new Set(["new", "pending", "assigned", "accepted", "ready", "preparing", "starting"]);

/** A task whose current state has not caught up with what the orchestrator wants of it. */
export function taskInTransition(t: SwarmTask): boolean {
  if (t.desiredState === "running") return STARTING.has(t.state);
  return t.state === "running" || STARTING.has(t.state);
}

export interface StackSummary {
  name: string;
  services: number;
  running: number;
  desired: number;
}

/** Stacks as `docker stack ls` sees them: services grouped by their namespace label. */
export function stacksOf(services: Iterable<SwarmService>): StackSummary[] {
  const by = new Map<string, StackSummary>();
  for (const s of services) {
    if (!s.stack) continue;
    const st = by.get(s.stack) ?? { name: s.stack, services: 0, running: 0, desired: 0 };
    st.services++;
    st.running += s.running;
    st.desired += s.desired;
    by.set(s.stack, st);
  }
  return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface UpdateProgress {
  /** Tasks wanted running that run the current spec. */
  updated: number;
  /** Tasks the service wants. */
  desired: number;
  /** An update or rollback is rolling now. */
  rolling: boolean;
}

/** How far a service's rolling update (or rollback) got: tasks on the current spec against tasks wanted. */
export function updateProgress(s: SwarmService, tasks: Iterable<SwarmTask>): UpdateProgress {
  let updated = 0;
  for (const t of tasks)
    if (t.serviceId === s.id && t.desiredState === "running" && t.state === "running" && t.template === s.template)
      updated++;
  const st = s.updateStatus?.state;
  return { updated, desired: s.desired, rolling: st === "updating" || st === "rollback_started" };
}

/**
 * Tasks grouped by slot (replicated) or node (global), as `docker service ps` shows them: the newest task of each
 * first, then the ones it replaced (its history: failed, shut down, rejected), newest first.
 */
export function taskHistory(tasks: Iterable<SwarmTask>): { current: SwarmTask; previous: SwarmTask[] }[] {
  const groups = new Map<string, SwarmTask[]>();
  for (const t of tasks) {
    const key = `${t.serviceId}/${t.slot ?? t.nodeId ?? t.id}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()]
    .map((g) => {
      const sorted = g.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { current: sorted[0]!, previous: sorted.slice(1) };
    })
    .sort(
      (a, b) =>
        a.current.serviceId.localeCompare(b.current.serviceId) ||
        (a.current.slot ?? 0) - (b.current.slot ?? 0) ||
        (a.current.nodeId ?? "").localeCompare(b.current.nodeId ?? ""),
    );
}

/** "Up" for a status page: at least as many running tasks as wanted (and something wanted). */
export function serviceUp(s: Pick<SwarmService, "running" | "desired">): boolean {
  return s.running >= s.desired && s.desired > 0;
}

/**
 * Services per network (by the network's key), for the Networks page: a service names its networks by id (the
 * engine resolves names on create) or, in older specs, by name. Overlay networks on a manager list no local
 * containers for tasks on other nodes; the services are what uses them.
 */
export function servicesByNetwork(
  networks: Iterable<{ key: string; id: string; name: string }>,
  services: Iterable<Pick<SwarmService, "name" | "networks">>,
): Record<string, string[]> {
  const byRef = new Map<string, string>();
  for (const n of networks) {
    byRef.set(n.id, n.key);
    if (!byRef.has(n.name)) byRef.set(n.name, n.key);
  }
  const out: Record<string, string[]> = {};
  for (const s of services)
    for (const ref of new Set(s.networks)) {
      const key = byRef.get(ref);
      if (key) out[key] = [...(out[key] ?? []), s.name].sort();
    }
  return out;
}
