import type { PortBinding } from "./domain";

export function formatPorts(ports: readonly PortBinding[]): string {
  const seen = new Set<string>();
  for (const p of ports) {
    const text = p.publicPort
      ? `${p.ip && p.ip !== "0.0.0.0" && p.ip !== "::" ? `${p.ip}:` : ""}${p.publicPort}->${p.privatePort}/${p.type}`
      : `${p.privatePort}/${p.type}`;
    seen.add(text);
  }
  return [...seen].join(", ");
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}
