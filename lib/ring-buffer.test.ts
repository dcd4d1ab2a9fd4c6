import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer";

describe("RingBuffer", () => {
  it("keeps the newest items up to its capacity", () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
  });

  it("last() is the newest item, also after wrapping, and undefined when empty", () => {
    const r = new RingBuffer<number>(3);
    expect(r.last()).toBeUndefined();
    r.push(1);
    expect(r.last()).toBe(1);
    for (let i = 2; i <= 7; i++) r.push(i);
    expect(r.last()).toBe(7);
    r.clear();
    expect(r.last()).toBeUndefined();
  });

  it("bounds total size too, evicting the oldest", () => {
    const r = new RingBuffer<string>(100, (s) => s.length, 10);
    for (const s of ["aaaa", "bbbb", "cccc"]) r.push(s);
    expect(r.toArray()).toEqual(["bbbb", "cccc"]);
    expect(r.totalSize).toBe(8);
    r.push("x".repeat(50)); // one oversized item is kept alone rather than dropped
    expect(r.toArray()).toEqual(["x".repeat(50)]);
  });

  it("stays bounded under a million pushes", () => {
    const r = new RingBuffer<number>(1000);
    for (let i = 0; i < 1_000_000; i++) r.push(i);
    expect(r.length).toBe(1000);
    expect(r.toArray()[0]).toBe(999_000);
    r.clear();
    expect(r.toArray()).toEqual([]);
  });
});
