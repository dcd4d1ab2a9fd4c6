import { z } from "zod";
import { endpointId } from "./schemas";

// Usage history views: ranges, buckets and the grouping of container points into endpoint / stack / team series.
// Pure, so the page, the CSV export and unit tests share it.

export const USAGE_RANGES = { "1h": 60 * 60_000, "24h": 24 * 60 * 60_000, "7d": 7 * 24 * 60 * 60_000 } as const;
export type UsageRange = keyof typeof USAGE_RANGES;
/** Points per chart stay near 60-170 whatever the range. */
export const BUCKET_MS: Record<UsageRange, number> = { "1h": 60_000, "24h": 10 * 60_000, "7d": 60 * 60_000 };

export const usageQuery = z.object({
  group: z.enum(["endpoint", "stack", "team"]).default("endpoint"),
  range: z.enum(["1h", "24h", "7d"]).default("24h"),
  endpointId: endpointId.optional(),
});
export type UsageQuery = z.output<typeof usageQuery>;

export const usageToggleInput = z.object({ endpointId, enabled: z.boolean() });

export interface UsageSeries {
  key: string;
  label: string;
  /** Mean CPU % of the group per bucket (100 = one core); null where nothing ran. */
  cpu: (number | null)[];
  /** Mean bytes in use per bucket. */
  mem: (number | null)[];
}

export interface UsageView {
  group: UsageQuery["group"];
  range: UsageRange;
  /** Bucket starts, epoch ms. */
  times: number[];
  series: UsageSeries[];
}

export interface Point {
  endpointId: string;
  project: string;
  containerName: string;
  b: number;
  cpuMilli: number;
  mem: number;
}

/**
 * Sums container points into groups per bucket. `groupsOf` names the groups a point belongs to (a team's group holds
 * the containers of every endpoint the team has a grant on; a point can be in several teams).
 */
export function groupUsage(
  points: readonly Point[],
  times: readonly number[],
  groupsOf: (p: Point) => { key: string; label: string }[],
): UsageSeries[] {
  const index = new Map(times.map((t, i) => [t, i]));
  const out = new Map<string, UsageSeries>();
  for (const p of points) {
    const i = index.get(p.b);
    if (i === undefined) continue;
    for (const g of groupsOf(p)) {
      let s = out.get(g.key);
      if (!s) {
        s = { key: g.key, label: g.label, cpu: times.map(() => null), mem: times.map(() => null) };
        out.set(g.key, s);
      }
      s.cpu[i] = (s.cpu[i] ?? 0) + p.cpuMilli / 1000;
      s.mem[i] = (s.mem[i] ?? 0) + p.mem;
    }
  }
  return [...out.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Bucket starts covering [now - range, now]. */
export function bucketTimes(now: number, range: UsageRange): number[] {
  const size = BUCKET_MS[range];
  const last = Math.floor(now / size) * size;
  const n = Math.round(USAGE_RANGES[range] / size);
  return Array.from({ length: n }, (_, i) => last - (n - 1 - i) * size);
}

/** CSV of a view: one row per (time, group), spreadsheet-safe (no cell starts with = + - @). */
export function usageCsv(v: UsageView): string {
  const cell = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [`time,${v.group},cpu_percent,memory_bytes`];
  for (const s of v.series) {
    v.times.forEach((t, i) => {
      if (s.cpu[i] === null && s.mem[i] === null) return;
      lines.push(
        [new Date(t).toISOString(), cell(s.label), (s.cpu[i] ?? 0).toFixed(2), String(Math.round(s.mem[i] ?? 0))].join(
          ",",
        ),
      );
    });
  }
  return `${lines.join("\n")}\n`;
}
