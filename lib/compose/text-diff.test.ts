import { describe, expect, it } from "vitest";
import { diffLines } from "./text-diff";

describe("diffLines", () => {
  it("keeps common lines and marks changes", () => {
    expect(diffLines("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: "+", text: "B" },
      { op: " ", text: "c" },
      { op: "+", text: "d" },
    ]);
  });
});
