// Engine events as Berth shows them: normalized from the Docker /events stream, filtered in the browser and server.
import { isSecretKey, REDACTED, redactEventAction } from "./redaction";

export const EVENT_TYPES = ["container", "image", "network", "volume"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EngineEvent {
  /** `<endpointId>:<sequence>`: unique per process, ordered per endpoint. */
  id: string;
  endpointId: string;
  /** Milliseconds since the epoch. */
  time: number;
  type: string;
  action: string;
  /** The object's id as the engine names it (container id, image ref, network id, volume name). */
  actorId: string;
  /** A readable name: container name, image name, network name, volume name. */
  name: string;
  /** A few attributes (container labels can be many); values are truncated. */
  attributes: Record<string, string>;
}

export interface EventFilter {
  type?: string;
  action?: string;
  /** Substring of the object's name or id, case-insensitive. */
  object?: string;
}

const MAX_ATTRS = 12;
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
  for (const [k, v] of Object.entries(attrsIn)) {
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

/** The action without its detail: "exec_start: sh -c x" is "exec_start", "health_status: healthy" is "health_status". */
export function baseAction(action: string): string {
  const i = action.indexOf(":");
  return i >= 0 ? action.slice(0, i) : action;
}

export function eventMatches(ev: EngineEvent, f: EventFilter): boolean {
  if (f.type && ev.type !== f.type) return false;
  if (f.action && baseAction(ev.action) !== f.action) return false;
  if (f.object) {
    const q = f.object.toLowerCase();
    if (!ev.name.toLowerCase().includes(q) && !ev.actorId.toLowerCase().includes(q)) return false;
  }
  return true;
}

/** A bounded history: keeps the newest `capacity` items in insertion order. */
export class RingBuffer<T> {
  private items: T[] = [];
  constructor(readonly capacity: number) {}
  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }
  toArray(): T[] {
    return [...this.items];
  }
  get size(): number {
    return this.items.length;
  }
}
