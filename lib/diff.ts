import type { Diff } from "./domain";

/** Apply a diff to a keyed map, returning a new map (React state friendly). */
export function applyDiff<T extends { id: string }>(current: ReadonlyMap<string, T>, diff: Diff<T>): Map<string, T> {
  const next = new Map(current);
  for (const id of diff.remove) next.delete(id);
  for (const item of diff.upsert) next.set(item.id, item);
  return next;
}

/** What changed between two snapshots, compared by JSON shape. */
export function diffSnapshots<T extends { id: string }>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
): Diff<T> {
  const upsert: T[] = [];
  const remove: string[] = [];
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old || JSON.stringify(old) !== JSON.stringify(item)) upsert.push(item);
  }
  for (const id of before.keys()) if (!after.has(id)) remove.push(id);
  return { upsert, remove };
}
