import type { ContainerSummary } from "./domain";

/** What an engine says about itself and its objects: refreshed by the endpoint session on events. */
export interface EngineFacts {
  cpus: number;
  memoryBytes: number;
  images: number;
  volumes: number;
  networks: number;
  os?: string;
  updatedAt: number;
}

export interface ContainerCounts {
  total: number;
  running: number;
  stopped: number;
  paused: number;
  unhealthy: number;
}

/** Counts for a host card. "Stopped" is everything not running or paused (created, exited, dead). */
export function countContainers(list: Iterable<ContainerSummary>): ContainerCounts {
  const n: ContainerCounts = { total: 0, running: 0, stopped: 0, paused: 0, unhealthy: 0 };
  for (const c of list) {
    n.total++;
    if (c.state === "running" || c.state === "restarting") n.running++;
    else if (c.state === "paused") n.paused++;
    else n.stopped++;
    if (/\(unhealthy\)/.test(c.status)) n.unhealthy++;
  }
  return n;
}

/** A card's view of one endpoint: counts from the live store, facts from the engine. */
export interface HostSummary {
  endpointId: string;
  counts: ContainerCounts;
  facts?: EngineFacts;
}
