import { describe, expect, it } from "vitest";
import type { Diff } from "@/lib/domain";
import { KeyedStore } from "./keyed-store";

interface Pod {
  namespace: string;
  name: string;
  phase: string;
}

function podStore() {
  const store = new KeyedStore<Pod>("pods", (p) => `${p.namespace}/${p.name}`);
  const diffs: Diff<Pod>[] = [];
  store.on("diff", (d) => diffs.push(d));
  return { store, diffs };
}

describe("KeyedStore", () => {
  it("keys items by the kind's key and emits a diff only for real changes", () => {
    const { store, diffs } = podStore();
    const web = { namespace: "prod", name: "web", phase: "Running" };
    expect(store.upsert(web)).toBe(true);
    expect(store.upsert({ ...web })).toBe(false);
    expect(store.get("prod/web")).toEqual(web);
    expect(store.upsert({ ...web, phase: "Failed" })).toBe(true);
    expect(store.delete("prod/web")).toBe(true);
    expect(store.delete("prod/web")).toBe(false);
    expect(diffs).toEqual([
      { upsert: [web], remove: [] },
      { upsert: [{ ...web, phase: "Failed" }], remove: [] },
      { upsert: [], remove: ["prod/web"] },
    ]);
  });

  it("replaces its content with a fresh list as one diff of what changed", () => {
    const { store, diffs } = podStore();
    const a = { namespace: "n", name: "a", phase: "Running" };
    const b = { namespace: "n", name: "b", phase: "Running" };
    const c = { namespace: "n", name: "c", phase: "Pending" };
    store.replaceAll([a, b]);
    diffs.length = 0;
    const d = store.replaceAll([a, { ...b, phase: "Succeeded" }, c]);
    expect(d).toEqual({ upsert: [{ ...b, phase: "Succeeded" }, c], remove: [] });
    store.replaceAll(new Map([["n/c", c]]));
    expect(diffs.at(-1)).toEqual({ upsert: [], remove: ["n/a", "n/b"] });
    expect(store.snapshot()).toEqual([c]);
    // Nothing changed: no diff at all.
    const before = diffs.length;
    store.replaceAll([c]);
    expect(diffs.length).toBe(before);
  });

  it("clears with one diff removing everything", () => {
    const { store, diffs } = podStore();
    store.replaceAll([
      { namespace: "a", name: "x", phase: "Running" },
      { namespace: "b", name: "y", phase: "Running" },
    ]);
    store.clear();
    expect(store.size).toBe(0);
    expect(diffs.at(-1)).toEqual({ upsert: [], remove: ["a/x", "b/y"] });
  });

  it("applies another replica's diff once: a repeat, or what is already there, emits nothing", () => {
    const { store, diffs } = podStore();
    const x = { namespace: "a", name: "x", phase: "Running" };
    const y = { namespace: "a", name: "y", phase: "Pending" };
    expect(store.apply({ upsert: [x, y], remove: [] })).toEqual({ upsert: [x, y], remove: [] });
    const before = diffs.length;
    expect(store.apply({ upsert: [x, y], remove: [] })).toEqual({ upsert: [], remove: [] });
    expect(diffs.length).toBe(before);
    const y2 = { ...y, phase: "Running" };
    store.apply({ upsert: [x, y2], remove: ["a/gone"] });
    expect(diffs.at(-1)).toEqual({ upsert: [y2], remove: [] });
    store.apply({ upsert: [], remove: ["a/x", "a/x"] });
    expect(diffs.at(-1)).toEqual({ upsert: [], remove: ["a/x"] });
    expect(store.snapshot()).toEqual([y2]);
  });
});
