// Engine events as Berth shows them: normalized from the Docker /events stream, filtered in the browser and server.

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
  /** Replaces the contents (the newest `capacity` of `items`, in their order). */
  reset(items: T[]): void {
    this.items = items.slice(-this.capacity);
  }
  get size(): number {
    return this.items.length;
  }
}
