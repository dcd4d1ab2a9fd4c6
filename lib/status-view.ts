import { type Availability, computeAvailability, DAY_MS, type StateInterval } from "./availability";
import type { ContainerSummary } from "./domain";
import { type SwarmService, serviceUp } from "./swarm";

// The public face of a status page. Everything a visitor receives (HTML or socket payload) is built here, and only
// from an allowlist: the page's slug and title, each item's display name, and derived state. No id, image, env,
// label, port, endpoint name or address ever enters these objects, whatever the live data carries.

export type PublicState = "up" | "down" | "unknown";
export type PublicHealth = "healthy" | "unhealthy" | "starting" | "none";

export interface PublicStatusItem {
  /** Order on the page (0-based): the only key a visitor gets. */
  position: number;
  /** The name the admin chose. */
  name: string;
  /** up = running; down = stopped, paused, restarting or gone; unknown = Berth cannot reach its endpoint. */
  state: PublicState;
  health: PublicHealth;
  /** When the current state began (container start or stop time), epoch ms; null when not known. */
  since: number | null;
  availability: Availability;
}

export type OverallState = "operational" | "degraded" | "outage" | "unknown" | "empty";

export interface PublicStatusView {
  slug: string;
  title: string;
  /** Server time the view was built; lets the browser tick durations without trusting its own clock. */
  generatedAt: number;
  overall: OverallState;
  items: PublicStatusItem[];
}

/** One item of a page as stored: what is watched (never sent) and what the public sees. */
export interface StatusItemDef {
  endpointId: string;
  kind: string;
  ref: string;
  displayName: string;
}

export interface StatusPageDef {
  slug: string;
  title: string;
  items: StatusItemDef[];
}

/** What Berth knows live about an item (server side only). */
export interface LiveItemState {
  state: PublicState;
  health: PublicHealth;
  since: number | null;
}

/** The key an item's live state and history are kept under; container names survive Recreate, ids do not. */
export const itemKey = (i: Pick<StatusItemDef, "endpointId" | "kind" | "ref">) => `${i.endpointId}/${i.kind}/${i.ref}`;

/** Health from the engine's list status ("Up 3 minutes (healthy)", "(health: starting)", "(unhealthy)"). */
export function healthFromStatus(status: string): PublicHealth {
  if (/\(unhealthy\)/.test(status)) return "unhealthy";
  if (/\(healthy\)/.test(status)) return "healthy";
  if (/\(health: starting\)/.test(status)) return "starting";
  return "none";
}

/** The state of a container item: only a running container is up; health is meaningful only while running. */
export function containerLiveState(
  c: Pick<ContainerSummary, "state" | "status"> | undefined,
  endpointUp: boolean,
): Omit<LiveItemState, "since"> {
  if (!endpointUp) return { state: "unknown", health: "none" };
  if (c?.state !== "running") return { state: "down", health: "none" };
  return { state: "up", health: healthFromStatus(c.status) };
}

/**
 * A Kubernetes Deployment (a list row with `ready` as "3/3"): up while its ready replicas reach the replicas it
 * wants (ready >= desired); unknown until the endpoint is up and the Deployment is listed (an informer syncing).
 */
export function deploymentLiveState(
  d: { ready: string; replicas: number } | undefined,
  endpointUp: boolean,
  listed: boolean,
): Omit<LiveItemState, "since"> {
  if (!endpointUp || !listed) return { state: "unknown", health: "none" };
  if (!d) return { state: "down", health: "none" };
  const ready = Number(d.ready.split("/")[0]);
  return { state: Number.isFinite(ready) && ready >= d.replicas ? "up" : "down", health: "none" };
}

/** A swarm service: up while its running tasks reach the replicas it wants (and it wants some). */
export function serviceLiveState(
  s: Pick<SwarmService, "running" | "desired"> | undefined,
  endpointUp: boolean,
): Omit<LiveItemState, "since"> {
  if (!endpointUp) return { state: "unknown", health: "none" };
  return { state: s && serviceUp(s) ? "up" : "down", health: "none" };
}

function overallOf(items: readonly PublicStatusItem[]): OverallState {
  if (items.length === 0) return "empty";
  const up = items.filter((i) => i.state === "up").length;
  if (up === items.length) return "operational";
  if (up > 0) return "degraded";
  return items.some((i) => i.state === "down") ? "outage" : "unknown";
}

const STATES = new Set<PublicState>(["up", "down", "unknown"]);
const HEALTHS = new Set<PublicHealth>(["healthy", "unhealthy", "starting", "none"]);

/**
 * Builds the view a visitor gets. `live` and `history` may carry anything; only allowlisted, re-checked values are
 * copied out.
 */
export function buildPublicStatusView(
  def: StatusPageDef,
  live: (item: StatusItemDef) => LiveItemState | undefined,
  history: (item: StatusItemDef) => readonly StateInterval[],
  now: number,
): PublicStatusView {
  const items = def.items.map((item, position): PublicStatusItem => {
    const l = live(item);
    const state = l && STATES.has(l.state) ? l.state : "unknown";
    const health = state === "up" && l && HEALTHS.has(l.health) ? l.health : "none";
    const since = typeof l?.since === "number" && Number.isFinite(l.since) && l.since <= now ? l.since : null;
    return {
      position,
      name: String(item.displayName),
      state,
      health,
      since,
      availability: computeAvailability(history(item), now, DAY_MS),
    };
  });
  return { slug: String(def.slug), title: String(def.title), generatedAt: now, overall: overallOf(items), items };
}

export const STATE_LABEL: Record<PublicState, string> = { up: "Up", down: "Down", unknown: "Unreachable" };
export const HEALTH_LABEL: Record<PublicHealth, string> = {
  healthy: "Healthy",
  unhealthy: "Unhealthy",
  starting: "Starting",
  none: "No health check",
};
export const OVERALL_LABEL: Record<OverallState, string> = {
  operational: "All systems operational",
  degraded: "Partial outage",
  outage: "Major outage",
  unknown: "Status unknown",
  empty: "Nothing to show yet",
};

// --- the admin side (signed-in admins only; never sent to the public) ---------------------------------------------

/** A status page as admins see and edit it: what each item watches, on which endpoint, and the public name. */
export interface StatusPageAdminView {
  id: string;
  slug: string;
  title: string;
  createdAt: number;
  items: (StatusItemDef & {
    /** The endpoint's name, for the admin only. */
    endpointName: string;
  })[];
}

/** What an admin can put on a page: an endpoint and the names of its containers (from the live store). */
export interface StatusSource {
  id: string;
  name: string;
  reachable: boolean;
  containers: string[];
  /** Swarm services, when the endpoint is a swarm manager. */
  services?: string[];
  /** Kubernetes Deployments ("namespace/name"), when the endpoint is a cluster. */
  deployments?: string[];
}
