import { describe, expect, it } from "vitest";
import { logOptions, logsTopic, optionsFromTopic, sinceToUnix } from "./log-options";
import { checkPattern, matchRanges, searchPattern, splitByRanges } from "./log-search";
import { matchTopic, TOPIC_PATTERNS } from "./topics";

const parseTopic = (raw: string) => matchTopic(raw, Object.entries(TOPIC_PATTERNS));

describe("searchPattern", () => {
  it("escapes plain text and keeps regex", () => {
    const p = searchPattern({ query: "a.b(c)", regex: false, caseSensitive: false });
    expect(new RegExp(p.source, p.flags).test("xA.B(C)y")).toBe(true);
    expect(new RegExp(p.source, p.flags).test("aXb(c)")).toBe(false);
    expect(searchPattern({ query: "a.b", regex: true, caseSensitive: true })).toEqual({ source: "a.b", flags: "g" });
  });
  it("explains bad regexes", () => {
    expect(checkPattern({ source: "(", flags: "g" })).toMatch(/Not a valid regular expression/);
    expect(checkPattern({ source: "ok", flags: "g" })).toBeNull();
  });
});

describe("matchRanges and splitByRanges", () => {
  it("finds every match, skipping empty ones", () => {
    expect(matchRanges(/o/g, "foo boo")).toEqual([
      [1, 2],
      [2, 3],
      [5, 6],
      [6, 7],
    ]);
    expect(matchRanges(/x*/g, "abc")).toEqual([]);
  });
  it("splits text into highlighted pieces", () => {
    expect(splitByRanges("hello world", [[6, 11]])).toEqual([
      { text: "hello ", hit: false },
      { text: "world", hit: true },
    ]);
    expect(splitByRanges("abc", [])).toEqual([{ text: "abc", hit: false }]);
  });
});

describe("log options in topic names", () => {
  it("round-trip through the topic pattern", () => {
    const o = logOptions.parse({ tail: 500, since: "1h", timestamps: true });
    const name = logsTopic("local", "abc123", o);
    expect(name).toBe("endpoint:local:container:abc123:logs:500:1h:1");
    const t = parseTopic(name);
    expect(t?.kind).toBe("logs");
    expect(t?.containerId).toBe("abc123");
    expect(optionsFromTopic(t!)).toEqual(o);
    expect(
      optionsFromTopic(parseTopic(logsTopic("e", "c", { tail: "all", since: "all", timestamps: false }))!),
    ).toEqual({ tail: "all", since: "all", timestamps: false });
  });
  it("rejects out-of-range options", () => {
    expect(parseTopic("endpoint:local:container:abc:logs:500:2h:1")).toBeNull();
    expect(parseTopic("endpoint:local:container:abc:logs:9999999:1h:1")).toBeNull();
    expect(parseTopic("endpoint:local:container:../x:logs:5:1h:1")).toBeNull();
  });
  it("computes since", () => {
    expect(sinceToUnix("10m", 1_000_000_000)).toBe(1_000_000 - 600);
    expect(sinceToUnix("all")).toBe(0);
  });
});

describe("highlightSegments", () => {
  it("splits styled segments at match edges", async () => {
    const { highlightSegments } = await import("./log-search");
    const segs = [
      { text: "hello ", style: "a" },
      { text: "world", style: "b" },
    ];
    expect(highlightSegments(segs, [[4, 8]])).toEqual([
      { text: "hell", style: "a", hit: false },
      { text: "o ", style: "a", hit: true },
      { text: "wo", style: "b", hit: true },
      { text: "rld", style: "b", hit: false },
    ]);
  });
});
