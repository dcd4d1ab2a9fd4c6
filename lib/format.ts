import type { PortBinding } from "./domain";

/** "127.0.0.1:" or "[::1]:" (IPv6 bracketed like the docker CLI), nothing for wildcard addresses. */
function hostPrefix(ip: string | undefined): string {
  if (!ip || ip === "0.0.0.0" || ip === "::") return "";
  return ip.includes(":") ? `[${ip}]:` : `${ip}:`;
}

export function formatPorts(ports: readonly PortBinding[]): string {
  const seen = new Set<string>();
  for (const p of ports) {
    const text = p.publicPort
      ? `${hostPrefix(p.ip)}${p.publicPort}->${p.privatePort}/${p.type}`
      : `${p.privatePort}/${p.type}`;
    seen.add(text);
  }
  return [...seen].join(", ");
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** A short human span: "45 s", "12 min", "3 h", "5 d" (the largest unit, rounded down). */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** "3 h ago" for a past moment (epoch ms), relative to `now`. */
export const formatAgo = (ms: number, now: number = Date.now()) => `${formatSpan(now - ms)} ago`;
