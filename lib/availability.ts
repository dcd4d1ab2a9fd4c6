// Availability of a status page item, from the up/down periods Berth observed. Pure: unit tested, no I/O.

export const DAY_MS = 24 * 60 * 60 * 1000;

export type ObservedState = "up" | "down";

/** A period during which Berth watched an item and saw it in one state. Gaps between periods are unobserved. */
export interface StateInterval {
  state: ObservedState;
  since: number;
  until: number;
}

export interface Availability {
  /** The window asked about (24 h). */
  windowMs: number;
  /** Time within the window Berth actually watched the item (up + down); less than the window after a restart. */
  observedMs: number;
  upMs: number;
  /** Share of the observed time the item was up, 0..100; null when Berth has not watched it at all yet. */
  percent: number | null;
}

/**
 * Up time over observed time within `[now - windowMs, now]`. Time Berth did not watch (Berth stopped, the endpoint
 * unreachable, the item not on a page yet) counts neither way: it is not reported as up, nor as down. Overlapping
 * periods (which a correct recorder never writes) are counted once, the earlier one winning.
 */
export function computeAvailability(intervals: readonly StateInterval[], now: number, windowMs = DAY_MS): Availability {
  const from = now - windowMs;
  const clipped = intervals
    .map((i) => ({ state: i.state, since: Math.max(i.since, from), until: Math.min(i.until, now) }))
    .filter((i) => i.until > i.since)
    .sort((a, b) => a.since - b.since || a.until - b.until);
  let covered = from;
  let upMs = 0;
  let observedMs = 0;
  for (const i of clipped) {
    const start = Math.max(i.since, covered);
    if (i.until <= start) continue;
    const len = i.until - start;
    observedMs += len;
    if (i.state === "up") upMs += len;
    covered = i.until;
  }
  return { windowMs, observedMs, upMs, percent: observedMs > 0 ? (upMs / observedMs) * 100 : null };
}

/** A percentage that never rounds a partial outage up to 100 % nor a sliver of up time down to 0 %. */
export function formatPercent(percent: number): string {
  if (percent >= 100) return "100%";
  if (percent <= 0) return "0%";
  const floored = Math.floor(percent * 100) / 100;
  if (floored >= 99.99) return "99.99%";
  return `${Math.max(floored, 0.01)
    .toFixed(2)
    .replace(/\.?0+$/, "")}%`;
}

/** "3 d 4 h", "5 h 12 min", "7 min", "42 s": the two largest units. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/**
 * What the percentage covers, said honestly: the full window only when Berth watched (nearly) all of it, otherwise
 * how much of it Berth actually watched.
 */
export function describeAvailability(a: Availability): string {
  if (a.percent === null) return "Not watched yet";
  const window = a.windowMs % 3_600_000 === 0 ? `${a.windowMs / 3_600_000} h` : formatDuration(a.windowMs);
  // A minute of gap (a restart) in a day does not make the figure less than a day's.
  if (a.observedMs >= a.windowMs - 60_000) return `${formatPercent(a.percent)} over the last ${window}`;
  return `${formatPercent(a.percent)} over ${formatDuration(a.observedMs)} watched (of the last ${window})`;
}
