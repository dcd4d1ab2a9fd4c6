import { describe, expect, it } from "vitest";
import type { LogLine } from "@/lib/log-options";
import { SEARCH_TIMEOUT_MS, searchLines } from "./log-search";

const lines: LogLine[] = ["GET /index 200", "GET /admin 403", "error: disk full", "Error again"].map((text, i) => ({
  seq: i + 1,
  stream: i === 2 ? "err" : "out",
  text,
}));

describe("searchLines", () => {
  it("finds text case-insensitively with ranges", () => {
    const r = searchLines(lines, { topic: "t", query: "error", regex: false, caseSensitive: false });
    expect(r.matches).toEqual([
      { seq: 3, ranges: [[0, 5]] },
      { seq: 4, ranges: [[0, 5]] },
    ]);
    expect(r.total).toBe(2);
  });

  it("runs regexes, case-sensitive when asked", () => {
    const r = searchLines(lines, { topic: "t", query: "\\b[0-9]{3}$", regex: true, caseSensitive: true });
    expect(r.matches.map((m) => m.seq)).toEqual([1, 2]);
    expect(searchLines(lines, { topic: "t", query: "Error", regex: true, caseSensitive: true }).total).toBe(1);
  });

  it("refuses an invalid regex with a readable message", () => {
    expect(() => searchLines(lines, { topic: "t", query: "(", regex: true, caseSensitive: false })).toThrow(
      /Not a valid regular expression/,
    );
  });

  it("stops a catastrophic regex within its budget", () => {
    const evil: LogLine[] = Array.from({ length: 20 }, (_, i) => ({
      seq: i,
      stream: "out",
      text: `${"a".repeat(40)}!`,
    }));
    const t0 = performance.now();
    expect(() => searchLines(evil, { topic: "t", query: "(a+)+$", regex: true, caseSensitive: false })).toThrow(
      /took too long/,
    );
    expect(performance.now() - t0).toBeLessThan(SEARCH_TIMEOUT_MS + 1_500);
  });

  it("searches 20k lines quickly", () => {
    const many: LogLine[] = Array.from({ length: 20_000 }, (_, i) => ({ seq: i, stream: "out", text: `line ${i}` }));
    const r = searchLines(many, { topic: "t", query: "line 1999", regex: false, caseSensitive: false });
    expect(r.matches.map((m) => m.seq)).toEqual([
      1999, 19990, 19991, 19992, 19993, 19994, 19995, 19996, 19997, 19998, 19999,
    ]);
  });
});
