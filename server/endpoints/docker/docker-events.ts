import type { EngineEvent } from "@/lib/events";
import { isSecretKey, REDACTED, redactEventAction } from "@/lib/redaction";

// Docker's /events lines as Berth's kind-neutral EngineEvent (lib/events.ts).

const MAX_ATTRS = 12;
const KEY_ATTRS = new Set(["name", "image", "exitCode", "signal", "com.docker.compose.project"]);
const MAX_VALUE = 200;

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  id?: unknown;
  time?: unknown;
  timeNano?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> | null };
}

const str = (v: unknown, max = MAX_VALUE) => (typeof v === "string" ? v.slice(0, max) : "");

/** Turns one raw /events line (already JSON-parsed) into an EngineEvent; null when it is not an event at all. */
export function toEngineEvent(endpointId: string, raw: unknown, seq: number): EngineEvent | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as RawEvent;
  const type = str(r.Type, 32);
  const action = str(r.Action, 64);
  if (!type || !action) return null;
  const attrsIn = r.Actor?.Attributes && typeof r.Actor.Attributes === "object" ? r.Actor.Attributes : {};
  const actorId = str(r.Actor?.ID) || str(r.id);
  const attributes: Record<string, string> = {};
  let n = 0;
  // The engine sends attributes sorted by key, labels among them: the ones alerts and the feed read come first, so
  // a container with many labels still reports its exit code.
  const entries = Object.entries(attrsIn).sort(([a], [b]) => Number(KEY_ATTRS.has(b)) - Number(KEY_ATTRS.has(a)));
  for (const [k, v] of entries) {
    if (n >= MAX_ATTRS) break;
    if (typeof v !== "string") continue;
    attributes[k.slice(0, 100)] = isSecretKey(k) ? REDACTED : v.slice(0, MAX_VALUE);
    n++;
  }
  const nano = typeof r.timeNano === "number" ? r.timeNano / 1e6 : undefined;
  const secs = typeof r.time === "number" ? r.time * 1000 : undefined;
  return {
    id: `${endpointId}:${seq}`,
    endpointId,
    time: Math.floor(nano ?? secs ?? Date.now()),
    type,
    // Exec actions carry the command line (operators' flags, passwords): only the verb goes out.
    action: redactEventAction(action),
    actorId,
    name: str(attrsIn.name) || actorId,
    attributes,
  };
}
