// Compose units: durations (1m30s, 500ms) to nanoseconds, sizes (512m, 1g, 1024) to bytes. Pure.
import { ComposeError } from "./parse";

const DURATION_NS: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseDuration(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)/g))
    total += Number(m[1]) * (DURATION_NS[m[2] ?? "s"] ?? 0);
  return Math.round(total);
}

const SIZE: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function parseBytes(v: string | number): number {
  if (typeof v === "number") return v;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(v.trim());
  if (!m) throw new ComposeError(`Not a size: ${v}`);
  return Math.round(Number(m[1]) * (SIZE[(m[2] || "b").toLowerCase()] ?? 1));
}
