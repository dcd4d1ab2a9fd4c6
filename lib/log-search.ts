import type { LogSearchInput } from "./log-options";

export const MAX_MATCHES = 5_000;
const MAX_RANGES_PER_LINE = 50;

/** Builds the pattern for a search: plain text is escaped, so only a regex search can backtrack. */
export function searchPattern(q: Pick<LogSearchInput, "query" | "regex" | "caseSensitive">): {
  source: string;
  flags: string;
} {
  const source = q.regex ? q.query : q.query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return { source, flags: q.caseSensitive ? "g" : "gi" };
}

/** Throws a readable message for a pattern that does not compile. */
export function checkPattern(p: { source: string; flags: string }): string | null {
  try {
    new RegExp(p.source, p.flags);
    return null;
  } catch (err) {
    return `Not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
}

/** Match ranges of a global regex in one text; empty matches are skipped (they highlight nothing). */
export function matchRanges(re: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      if (re.lastIndex > text.length) break;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
    if (out.length >= MAX_RANGES_PER_LINE) break;
  }
  return out;
}

/** Splits text into plain and highlighted pieces for rendering, given sorted non-overlapping ranges. */
export function splitByRanges(text: string, ranges: readonly [number, number][]): { text: string; hit: boolean }[] {
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e <= s) continue;
    if (s > at) out.push({ text: text.slice(at, s), hit: false });
    out.push({ text: text.slice(s, Math.min(e, text.length)), hit: true });
    at = Math.min(e, text.length);
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * Marks match ranges (over the line's plain text) across styled segments, splitting segments at range edges, so a
 * coloured line keeps its colours and shows its matches.
 */
export function highlightSegments<S extends { text: string }>(
  segments: readonly S[],
  ranges: readonly [number, number][],
): (S & { hit: boolean })[] {
  const out: (S & { hit: boolean })[] = [];
  let offset = 0;
  for (const seg of segments) {
    const start = offset;
    const end = offset + seg.text.length;
    offset = end;
    const local: [number, number][] = [];
    for (const [s, e] of ranges) {
      const a = Math.max(s, start);
      const b = Math.min(e, end);
      if (a < b) local.push([a - start, b - start]);
    }
    for (const piece of splitByRanges(seg.text, local)) out.push({ ...seg, text: piece.text, hit: piece.hit });
  }
  return out;
}
