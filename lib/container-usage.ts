import { formatBytes } from "./container-overview";
import type { StatsSample } from "./container-stats";
import type { ContainerSummary } from "./domain";

// CPU and memory of list rows (the all-containers view). Pure: browser, server and unit tests alike.

/** What a list row shows of a container's newest stats sample, and all its usage topic sends. */
export interface Usage {
  cpuPercent: number;
  memUsed: number;
  memLimit: number;
}

/**
 * While sorting by CPU or memory, Berth samples every running container of the filtered list, but at most this many
 * at once: 100 `docker stats` streams cost the engine about 13 % of one core on the test machines (bench/stats.ts
 * measures it), and one socket may hold 200 topics in all.
 */
export const USAGE_SORT_CAP = 100;

/** How often a usage sort is redone from the newest figures (rows that jump every second cannot be read). */
export const USAGE_RESORT_MS = 2_000;

export const usageOf = (s: StatsSample | undefined): Usage | null =>
  s ? { cpuPercent: s.cpuPercent, memUsed: s.memUsed, memLimit: s.memLimit } : null;

export const isRunning = (c: Pick<ContainerSummary, "state">) => c.state === "running";

const NONE = "—";

export function formatCpu(u: Usage | null | undefined): string {
  return u && Number.isFinite(u.cpuPercent) ? `${u.cpuPercent.toFixed(1)} %` : NONE;
}

export function formatMemory(u: Usage | null | undefined): string {
  if (!u || !Number.isFinite(u.memUsed)) return NONE;
  return u.memLimit > 0 ? `${formatBytes(u.memUsed)} / ${formatBytes(u.memLimit)}` : formatBytes(u.memUsed);
}

const key = (c: ContainerSummary) => `${c.endpointId}/${c.id}`;

/** The running rows of the window (indexes into `rows`, inclusive, clamped): what a list samples while shown. */
export function windowSample(
  rows: readonly ContainerSummary[],
  window: { start: number; end: number } | null,
): ContainerSummary[] {
  const out: ContainerSummary[] = [];
  if (!window) return out;
  for (let i = Math.max(0, window.start); i <= Math.min(rows.length - 1, window.end); i++) {
    if (isRunning(rows[i]!)) out.push(rows[i]!);
  }
  return out;
}

export interface UsageRanking {
  /** Running containers whose figures order the rows while sorting by CPU or memory; all of them are sampled. */
  containers: ContainerSummary[];
  /** Their keys (endpointId/id). */
  keys: Set<string>;
  /** Running containers in the filtered list. */
  running: number;
}

/**
 * What a sort by CPU or memory ranks: every running container of the filtered list, up to `cap`; past the cap, the
 * first `cap` by name, an order that does not depend on the figures (so the sampled set cannot chase its ranking).
 */
export function usageRanking(filtered: readonly ContainerSummary[], cap = USAGE_SORT_CAP): UsageRanking {
  const running = filtered.filter(isRunning);
  const containers =
    running.length <= cap
      ? running
      : [...running]
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : key(a) < key(b) ? -1 : 1))
          .slice(0, cap);
  return { containers, keys: new Set(containers.map(key)), running: running.length };
}

/** What the view says about a usage sort, so nobody mistakes a partial ranking for a complete one. */
export function usageSortNote(column: "CPU" | "memory", running: number, cap = USAGE_SORT_CAP): string {
  const every = `re-sorted every ${USAGE_RESORT_MS / 1000} s`;
  if (running === 0) return `Sorted by ${column}: no running container in this list to sample.`;
  if (running <= cap) {
    return (
      `Sorted by ${column} across all ${running} running container${running === 1 ? "" : "s"} of this list, ` +
      `sampled live while this sort is on and ${every}. Containers not running, or without a first sample yet, ` +
      "come last."
    );
  }
  return (
    `Sorted by ${column} among ${cap} of ${running} running containers (the first ${cap} by name): Berth samples ` +
    `at most ${cap} at once for a sort, ${every}. The others come last with the containers not running; narrow ` +
    "the filter to rank them."
  );
}
