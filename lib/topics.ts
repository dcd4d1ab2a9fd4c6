export type Topic = { kind: "endpoints"; name: "endpoints" } | { kind: "containers"; name: string; endpointId: string };

/** Parses a topic name sent by a client; anything unexpected is rejected. */
export function parseTopic(raw: unknown): Topic | null {
  if (typeof raw !== "string" || raw.length > 200) return null;
  if (raw === "endpoints") return { kind: "endpoints", name: raw };
  const m = /^endpoint:([a-zA-Z0-9_-]{1,64}):containers$/.exec(raw);
  if (m) return { kind: "containers", name: raw, endpointId: m[1]! };
  return null;
}
