import { describe, expect, it } from "vitest";
import { LineSplitter, splitTimestamp } from "./log-lines";

const enc = new TextEncoder();
describe("LineSplitter", () => {
  it("splits lines and keeps a partial line", () => {
    const s = new LineSplitter();
    expect(s.push(enc.encode("a\r\nb"))).toEqual(["a"]);
    expect(s.push(enc.encode("c\nd"))).toEqual(["bc"]);
    expect(s.flush()).toEqual(["d"]);
  });

  it("decodes UTF-8 split across chunks", () => {
    const s = new LineSplitter();
    const bytes = enc.encode("héllo ✓\n");
    const out: string[] = [];
    for (const b of bytes) out.push(...s.push(new Uint8Array([b])));
    expect(out).toEqual(["héllo ✓"]);
  });

  it("cuts endless lines", () => {
    const s = new LineSplitter(4);
    expect(s.push(enc.encode("abcdefghij"))).toEqual(["abcd", "efgh"]);
    expect(s.push(enc.encode("\n"))).toEqual(["ij"]);
  });
});

describe("splitTimestamp", () => {
  it("takes Docker's RFC 3339 prefix off", () => {
    expect(splitTimestamp("2024-05-01T10:00:00.123456789Z hello world")).toEqual({
      ts: "2024-05-01T10:00:00.123456789Z",
      text: "hello world",
    });
    expect(splitTimestamp("no stamp")).toEqual({ text: "no stamp" });
  });
});
