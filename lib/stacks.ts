import { COMPOSE_LABEL } from "./compose/project-labels";
import type { ContainerState, ContainerSummary } from "./domain";

// Compose projects as the Stacks page shows them: grouped from the live container list by Compose's labels (so
// projects of `docker compose`, `docker-compose` and Berth all appear), joined with what Berth has recorded. Pure.

export interface StackContainer {
  id: string;
  name: string;
  service: string;
  state: ContainerState;
  status: string;
  image: string;
}

export interface StackRecord {
  endpointId: string;
  project: string;
  version: number;
  outcome: string;
  workingDir: string;
  startedAt: number;
  actorName: string;
}

export interface StackSummary {
  /** endpointId/project: the row key. */
  id: string;
  endpointId: string;
  project: string;
  /** "berth" when Berth has versions of it, else who made the containers ("docker-compose 1.29.2", "compose 2.x"). */
  source: string;
  managed: boolean;
  workingDir?: string;
  configFiles?: string;
  services: string[];
  containers: StackContainer[];
  running: number;
  state: "running" | "partial" | "stopped" | "empty";
  record?: StackRecord;
}

function toolOf(version: string | undefined): string {
  if (!version) return "compose";
  if (version.startsWith("berth")) return "Berth";
  return version.startsWith("1.") ? `docker-compose ${version}` : `docker compose ${version}`;
}

export function groupStacks(containers: Iterable<ContainerSummary>, records: readonly StackRecord[]): StackSummary[] {
  const by = new Map<string, StackSummary>();
  const get = (endpointId: string, project: string) => {
    const id = `${endpointId}/${project}`;
    let s = by.get(id);
    if (!s) {
      s = {
        id,
        endpointId,
        project,
        source: "compose",
        managed: false,
        services: [],
        containers: [],
        running: 0,
        state: "empty",
      };
      by.set(id, s);
    }
    return s;
  };
  for (const c of containers) {
    const project = c.labels[COMPOSE_LABEL.project];
    if (!project || c.labels[COMPOSE_LABEL.oneoff] === "True") continue;
    const s = get(c.endpointId, project);
    const service = c.labels[COMPOSE_LABEL.service] ?? "";
    s.containers.push({ id: c.id, name: c.name, service, state: c.state, status: c.status, image: c.image });
    if (!s.services.includes(service)) s.services.push(service);
    if (c.state === "running") s.running++;
    s.workingDir ??= c.labels[COMPOSE_LABEL.workingDir];
    s.configFiles ??= c.labels[COMPOSE_LABEL.configFiles];
    s.source = toolOf(c.labels[COMPOSE_LABEL.version]);
  }
  for (const r of records) {
    const s = get(r.endpointId, r.project);
    s.record = r;
    s.managed = true;
    s.source = "Berth";
    s.workingDir ??= r.workingDir;
  }
  for (const s of by.values()) {
    // docker-compose 1.x writes config_files relative to the working dir; show where the file really is.
    if (s.configFiles && s.workingDir)
      s.configFiles = s.configFiles
        .split(",")
        .map((f) => (f.startsWith("/") ? f : `${s.workingDir}/${f}`))
        .join(",");
    s.services.sort();
    s.containers.sort((a, b) => a.name.localeCompare(b.name));
    const n = s.containers.length;
    s.state = n === 0 ? "empty" : s.running === n ? "running" : s.running === 0 ? "stopped" : "partial";
  }
  return [...by.values()].sort(
    (a, b) => a.project.localeCompare(b.project) || a.endpointId.localeCompare(b.endpointId),
  );
}
