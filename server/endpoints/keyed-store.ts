import { EventEmitter } from "node:events";
import type { Diff } from "@/lib/domain";

/**
 * One live collection of an endpoint (containers, networks, services, pods...), keyed by a string the kind chooses
 * (a Docker id; `namespace/name` for Kubernetes). Every change goes out as a diff, so the store doubles as the
 * snapshot a new subscriber gets and the stream of changes after it. Only its session writes to it.
 */
export class KeyedStore<T> extends EventEmitter<{ diff: [Diff<T>] }> {
  private readonly items = new Map<string, T>();

  constructor(
    readonly name: string,
    readonly keyOf: (item: T) => string,
  ) {
    super();
    // Every topic, feed and tracker of the endpoint listens here: Node's default of 10 would warn of a leak.
    this.setMaxListeners(0);
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  snapshot(): T[] {
    return [...this.items.values()];
  }

  /** Adds or replaces one item; emits only when its JSON shape changed. Returns whether it did. */
  upsert(item: T): boolean {
    const key = this.keyOf(item);
    const prev = this.items.get(key);
    if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(item)) return false;
    this.items.set(key, item);
    this.emit("diff", { upsert: [item], remove: [] });
    return true;
  }

  delete(key: string): boolean {
    if (!this.items.delete(key)) return false;
    this.emit("diff", { upsert: [], remove: [key] });
    return true;
  }

  /** Replaces the whole content with a fresh list (a re-list after a reconnect); emits one diff of what changed. */
  replaceAll(next: Iterable<T> | ReadonlyMap<string, T>): Diff<T> {
    const after = next instanceof Map ? (next as ReadonlyMap<string, T>) : this.index(next as Iterable<T>);
    const diff: Diff<T> = { upsert: [], remove: [] };
    for (const [key, item] of after) {
      const old = this.items.get(key);
      if (old === undefined || JSON.stringify(old) !== JSON.stringify(item)) diff.upsert.push(item);
    }
    for (const key of this.items.keys()) if (!after.has(key)) diff.remove.push(key);
    this.items.clear();
    for (const [key, item] of after) this.items.set(key, item);
    if (diff.upsert.length || diff.remove.length) this.emit("diff", diff);
    return diff;
  }

  /**
   * Applies a diff another replica's session emitted (this replica mirrors the endpoint): one diff out, carrying
   * only what really changed here, so a replayed or overlapping diff reaches no viewer twice.
   */
  apply(diff: Diff<T>): Diff<T> {
    const out: Diff<T> = { upsert: [], remove: [] };
    for (const item of diff.upsert) {
      const key = this.keyOf(item);
      const prev = this.items.get(key);
      if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(item)) continue;
      this.items.set(key, item);
      out.upsert.push(item);
    }
    for (const key of diff.remove) if (this.items.delete(key)) out.remove.push(key);
    if (out.upsert.length || out.remove.length) this.emit("diff", out);
    return out;
  }

  /** Empties the store (its session is gone); viewers get one diff removing everything. */
  clear(): void {
    const gone = [...this.items.keys()];
    this.items.clear();
    if (gone.length) this.emit("diff", { upsert: [], remove: gone });
  }

  private index(list: Iterable<T>): Map<string, T> {
    const m = new Map<string, T>();
    for (const item of list) m.set(this.keyOf(item), item);
    return m;
  }
}
