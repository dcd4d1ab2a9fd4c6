import { describe, expect, it } from "vitest";
import { engineRefProblem, quoteRef } from "./engine-ref";

describe("engineRefProblem", () => {
  it("accepts ids, names, id prefixes and image references", () => {
    for (const ref of ["a", "web_1", "my-app.v2", "0123456789ab", "f".repeat(64)])
      expect(engineRefProblem("container", ref)).toBeNull();
    for (const ref of [
      "busybox",
      "busybox:1.36",
      "127.0.0.1:5010/team/app:Tag_1",
      `sha256:${"a".repeat(64)}`,
      `app@sha256:${"b".repeat(64)}`,
    ])
      expect(engineRefProblem("image", ref)).toBeNull();
  });

  it("refuses anything that would change the request's path or query", () => {
    for (const ref of ["", "a/b", "a?x=1", "a#b", "a%2Fb", "../x", ".hidden", "-flag", "a b", "a\nb", "a\u0000"])
      expect(engineRefProblem("container", ref)).not.toBeNull();
    for (const ref of ["x/../../containers/y", "a//b", "/abs", "a/", "a/./b", "a?b", "a b", "a%00"])
      expect(engineRefProblem("image", ref)).not.toBeNull();
    expect(engineRefProblem("volume", "v".repeat(256))).toMatch(/at most 255/);
    expect(engineRefProblem("network", 42)).toMatch(/required/);
  });

  it("quotes a value for a message, escaped and bounded", () => {
    expect(quoteRef("a\nb")).toBe('"a\\nb"');
    expect(quoteRef("x".repeat(200)).length).toBeLessThan(90);
  });
});
