import { describe, expect, it } from "vitest";
import type { LogLine } from "@/lib/log-options";
import { MAX_SEARCHES_PER_USER, searchLines } from "./log-search";

const lines: LogLine[] = ["GET /index 200", "GET /admin 403", "error: disk full", "Error again"].map((text, i) => ({
  seq: i + 1,
  stream: i === 2 ? "err" : "out",
  text,
}));

const evil: LogLine[] = Array.from({ length: 20 }, (_, i) => ({ seq: i, stream: "out", text: "a".repeat(40) }));
const catastrophic = { topic: "t", query: "(a+)+b", regex: true, caseSensitive: false };

// Each search starts a thread, which loads the TypeScript worker through tsx here (the production bundle is quicker).
describe("searchLines (in a worker thread)", { timeout: 60_000 }, () => {
  it("finds text case-insensitively with ranges", async () => {
    const r = await searchLines("u1", lines, { topic: "t", query: "error", regex: false, caseSensitive: false });
    expect(r.matches).toEqual([
      { seq: 3, ranges: [[0, 5]] },
      { seq: 4, ranges: [[0, 5]] },
    ]);
    expect(r.total).toBe(2);
    expect(r.stoppedAfter).toBeUndefined();
  });

  it("runs regexes, case-sensitive when asked, over the text without colour codes", async () => {
    const r = await searchLines("u1", lines, { topic: "t", query: "\\b[0-9]{3}$", regex: true, caseSensitive: true });
    expect(r.matches.map((m) => m.seq)).toEqual([1, 2]);
    expect(
      (await searchLines("u1", lines, { topic: "t", query: "Error", regex: true, caseSensitive: true })).total,
    ).toBe(1);
    const coloured: LogLine[] = [{ seq: 7, stream: "out", text: "\u001b[31mred\u001b[0m alert" }];
    expect(
      (await searchLines("u1", coloured, { topic: "t", query: "red alert", regex: false, caseSensitive: false }))
        .matches,
    ).toEqual([{ seq: 7, ranges: [[0, 9]] }]);
  });

  it("refuses an invalid regex with a readable message", async () => {
    await expect(
      searchLines("u1", lines, { topic: "t", query: "(", regex: true, caseSensitive: false }),
    ).rejects.toThrow(/Not a valid regular expression/);
  });

  it("stops a catastrophic regex, says how far it got, and never holds the event loop", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const r = await searchLines("u2", evil, catastrophic);
    clearInterval(ticker);
    expect(r.stoppedAfter).toBe(0);
    expect(r.searched).toBe(0);
    expect(r.total).toBe(0);
    // The search ran for its whole budget while this thread kept ticking.
    expect(ticks).toBeGreaterThan(10);
  });

  it("refuses a user's searches past the per-user limit, and not another user's", async () => {
    const mine = Array.from({ length: MAX_SEARCHES_PER_USER }, () => searchLines("u3", evil, catastrophic));
    await expect(searchLines("u3", lines, catastrophic)).rejects.toThrow(/already have 2 log searches running/);
    const other = searchLines("u4", lines, { topic: "t", query: "admin", regex: false, caseSensitive: false });
    for (const r of await Promise.all(mine)) expect(r.stoppedAfter).toBe(0);
    expect((await other).total).toBe(1);
    // Once they finished, the user may search again.
    expect(
      (await searchLines("u3", lines, { topic: "t", query: "GET", regex: false, caseSensitive: false })).total,
    ).toBe(2);
  });

  it("searches 20k lines", async () => {
    const many: LogLine[] = Array.from({ length: 20_000 }, (_, i) => ({ seq: i, stream: "out", text: `line ${i}` }));
    const r = await searchLines("u1", many, { topic: "t", query: "line 1999", regex: false, caseSensitive: false });
    expect(r.matches.map((m) => m.seq)).toEqual([
      1999, 19990, 19991, 19992, 19993, 19994, 19995, 19996, 19997, 19998, 19999,
    ]);
  });
});
