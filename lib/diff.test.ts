import { describe, expect, it } from "vitest";
import { applyDiff, diffSnapshots } from "./diff";

interface Row {
  id: string;
  v: number;
  tags?: string[];
}

const map = (...rows: Row[]) => new Map(rows.map((r) => [r.id, r]));

describe("applyDiff", () => {
  it("upserts and removes without touching the input map", () => {
    const before = map({ id: "a", v: 1 }, { id: "b", v: 2 });
    const after = applyDiff(before, {
      upsert: [
        { id: "b", v: 3 },
        { id: "c", v: 4 },
      ],
      remove: ["a"],
    });
    expect([...after.values()]).toEqual([
      { id: "b", v: 3 },
      { id: "c", v: 4 },
    ]);
    expect([...before.values()]).toEqual([
      { id: "a", v: 1 },
      { id: "b", v: 2 },
    ]);
    expect(after).not.toBe(before);
  });

  it("ignores removals of unknown ids", () => {
    const after = applyDiff(map({ id: "a", v: 1 }), { upsert: [], remove: ["nope"] });
    expect([...after.keys()]).toEqual(["a"]);
  });

  it("applies removals before upserts, so an id in both ends up present", () => {
    const after = applyDiff(map({ id: "a", v: 1 }), { upsert: [{ id: "a", v: 2 }], remove: ["a"] });
    expect(after.get("a")).toEqual({ id: "a", v: 2 });
  });

  it("returns an equal copy for an empty diff", () => {
    const before = map({ id: "a", v: 1 });
    const after = applyDiff(before, { upsert: [], remove: [] });
    expect(after).toEqual(before);
    expect(after).not.toBe(before);
  });
});

describe("diffSnapshots", () => {
  it("reports added, changed and removed items and nothing else", () => {
    const before = map({ id: "same", v: 1 }, { id: "changed", v: 1 }, { id: "gone", v: 1 });
    const after = map({ id: "same", v: 1 }, { id: "changed", v: 2 }, { id: "new", v: 1 });
    const d = diffSnapshots(before, after);
    expect(d.upsert.map((r) => r.id).sort()).toEqual(["changed", "new"]);
    expect(d.upsert.find((r) => r.id === "changed")).toEqual({ id: "changed", v: 2 });
    expect(d.remove).toEqual(["gone"]);
  });

  it("compares nested values by shape, not by reference", () => {
    const before = map({ id: "a", v: 1, tags: ["x"] });
    expect(diffSnapshots(before, map({ id: "a", v: 1, tags: ["x"] }))).toEqual({ upsert: [], remove: [] });
    expect(diffSnapshots(before, map({ id: "a", v: 1, tags: ["x", "y"] })).upsert).toHaveLength(1);
  });

  it("is empty for identical and for two empty snapshots", () => {
    const s = map({ id: "a", v: 1 });
    expect(diffSnapshots(s, s)).toEqual({ upsert: [], remove: [] });
    expect(diffSnapshots(new Map<string, Row>(), new Map<string, Row>())).toEqual({ upsert: [], remove: [] });
  });

  it("turns any snapshot into any other when applied", () => {
    const cases: [Row[], Row[]][] = [
      [[], [{ id: "a", v: 1 }]],
      [[{ id: "a", v: 1 }], []],
      [
        [
          { id: "a", v: 1 },
          { id: "b", v: 2 },
          { id: "c", v: 3 },
        ],
        [
          { id: "c", v: 30 },
          { id: "d", v: 4 },
          { id: "a", v: 1 },
        ],
      ],
    ];
    for (const [from, to] of cases) {
      const before = map(...from);
      const after = map(...to);
      const applied = applyDiff(before, diffSnapshots(before, after));
      expect(Object.fromEntries(applied)).toEqual(Object.fromEntries(after));
    }
  });
});
