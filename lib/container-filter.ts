import type { ContainerSummary } from "./domain";

// Filtering and sorting for the all-containers view. Pure, so it runs in the browser and in unit tests alike.

export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

export interface ContainerFilter {
  name: string;
  image: string;
  /** A container state, "unhealthy", "failed" (exited with a non-zero code), or "" for any. */
  state: string;
  /** "key" (has the label) or "key=value" (label equals value). */
  label: string;
  /** Compose project name, or "" for any. */
  project: string;
  endpointId: string;
  /** Image update status from the last check ("available", "current", "unknown"), or "" for any. */
  update?: string;
}

export const EMPTY_FILTER: ContainerFilter = { name: "", image: "", state: "", label: "", project: "", endpointId: "" };

/** The update check's verdict for a container, as the filter reads it ("unknown" when never checked). */
export type UpdateStateOf = (c: ContainerSummary) => string | undefined;

export type SortKey = "name" | "endpoint" | "image" | "state" | "status" | "project" | "created" | "cpu" | "memory";

/** CPU % and memory in use, when known (the usage figures of a sampled running container). */
export type UsageOf = (c: ContainerSummary) => { cpuPercent: number; memUsed: number } | null | undefined;
export type SortDir = "asc" | "desc";

// Made once: constructing a Collator costs far more than a comparison.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export const rowKey = (c: Pick<ContainerSummary, "endpointId" | "id">) => `${c.endpointId}/${c.id}`;
export const composeProject = (c: ContainerSummary) => c.labels[COMPOSE_PROJECT_LABEL] ?? "";
export const isUnhealthy = (c: Pick<ContainerSummary, "status">) => /\(unhealthy\)/.test(c.status);

/** The exit code in an exited container's status ("Exited (137) 3 minutes ago"), or null. */
export function exitCode(c: Pick<ContainerSummary, "state" | "status">): number | null {
  if (c.state !== "exited" && c.state !== "dead") return null;
  const m = /^Exited \((-?\d+)\)/.exec(c.status);
  return m ? Number(m[1]) : null;
}

/** Exited with a non-zero code: what Home counts as a failure. */
export const isFailed = (c: Pick<ContainerSummary, "state" | "status">) => {
  const code = exitCode(c);
  return code !== null && code !== 0;
};

/** Every value the state filter takes, in the order a picker shows them. */
export const STATE_FILTERS = ["running", "exited", "failed", "unhealthy", "restarting", "paused", "created", "dead"];

export function matchesFilter(c: ContainerSummary, f: ContainerFilter, updateOf?: UpdateStateOf): boolean {
  if (f.endpointId && c.endpointId !== f.endpointId) return false;
  if (f.update) {
    const u = updateOf?.(c);
    // Errors count as unknown: the check could not say.
    const state = u === "available" || u === "current" ? u : "unknown";
    if (state !== f.update) return false;
  }
  if (f.name && !c.name.toLowerCase().includes(f.name.trim().toLowerCase())) return false;
  if (f.image && !c.image.toLowerCase().includes(f.image.trim().toLowerCase())) return false;
  if (f.state === "unhealthy") {
    if (!isUnhealthy(c)) return false;
  } else if (f.state === "failed") {
    if (!isFailed(c)) return false;
  } else if (f.state && c.state !== f.state) return false;
  if (f.project && composeProject(c) !== f.project) return false;
  const label = f.label.trim();
  if (label) {
    const eq = label.indexOf("=");
    const key = eq < 0 ? label : label.slice(0, eq);
    if (!Object.hasOwn(c.labels, key)) return false;
    if (eq >= 0 && c.labels[key] !== label.slice(eq + 1)) return false;
  }
  return true;
}

export function filterAndSort(
  list: readonly ContainerSummary[],
  f: ContainerFilter,
  key: SortKey,
  dir: SortDir,
  endpointName: (id: string) => string,
  usage: UsageOf = () => undefined,
): ContainerSummary[] {
  const value = (c: ContainerSummary): string | number | undefined => {
    switch (key) {
      // At the precision shown, so rows whose figures look alike keep their name order instead of trading places
      // with every new sample.
      case "cpu":
        return roundOrUndefined(usage(c)?.cpuPercent, (v) => Math.round(v * 10) / 10);
      case "memory":
        return roundOrUndefined(usage(c)?.memUsed, (v) => Number(v.toPrecision(3)));
      case "endpoint":
        return endpointName(c.endpointId);
      case "project":
        return composeProject(c);
      case "created":
        return c.created;
      default:
        return c[key];
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return list
    .filter((c) => matchesFilter(c, f))
    .map((c) => ({ c, v: value(c) }))
    .sort((a, b) => {
      // Rows without a figure (not running, not sampled) come last whichever the direction.
      if (a.v === undefined || b.v === undefined) {
        if (a.v !== b.v) return a.v === undefined ? 1 : -1;
        return collator.compare(a.c.name, b.c.name) || a.c.id.localeCompare(b.c.id);
      }
      const d =
        typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      // Ties fall back to name, then id, so the order is stable as live updates arrive.
      return sign * d || collator.compare(a.c.name, b.c.name) || a.c.id.localeCompare(b.c.id);
    })
    .map((x) => x.c);
}

const roundOrUndefined = (v: number | undefined, round: (v: number) => number) =>
  v === undefined || !Number.isFinite(v) ? undefined : round(v);

/** Compose projects present in a list, for the filter's choices. */
export function projectsOf(list: readonly ContainerSummary[]): string[] {
  return [...new Set(list.map(composeProject).filter(Boolean))].sort();
}
