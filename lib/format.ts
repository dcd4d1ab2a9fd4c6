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
