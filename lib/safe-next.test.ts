import { describe, expect, it } from "vitest";
import { DEFAULT_NEXT, safeNext } from "./safe-next";

const ORIGIN = "http://127.0.0.1:3000";

describe("safeNext", () => {
  it("keeps local paths with their query and fragment", () => {
    expect(safeNext("/endpoints/local/containers?state=running#top", ORIGIN)).toBe(
      "/endpoints/local/containers?state=running#top",
    );
    expect(safeNext("/audit", ORIGIN)).toBe("/audit");
  });

  it.each([
    ["//evil.example/x"],
    ["/\\evil.example/x"],
    ["\\\\evil.example/x"],
    ["/\t/evil.example/x"],
    ["/\n/evil.example/x"],
    ["/\r\n/evil.example/x"],
    ["\t//evil.example/x"],
    [" //evil.example/x"],
    ["https://evil.example/x"],
    ["https:evil.example/x"],
    ["HTTPS://evil.example"],
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["java\tscript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["http://127.0.0.1:3001/x"],
    ["http://user:pw@127.0.0.1:3000/x"],
    [""],
  ])("refuses %j", (target) => {
    expect(safeNext(target, ORIGIN)).toBe(DEFAULT_NEXT);
  });

  it("reads a target the way the browser will, so control characters cannot smuggle a host or break the redirect", () => {
    // Once decoded from the query string, "%0A" is a newline: dropped, leaving the path.
    expect(safeNext("/\n", ORIGIN)).toBe("/");
    expect(safeNext("/endpoints\n/x", ORIGIN)).toBe("/endpoints/x");
    // A still-encoded target stays a path on Berth (at worst a 404 there), never another host.
    expect(safeNext("/%2F%2Fevil.example/x", ORIGIN)).toBe("/%2F%2Fevil.example/x");
    expect(safeNext("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
    expect(safeNext("/a b<c>", ORIGIN)).toBe("/a%20b%3Cc%3E");
  });

  it("accepts Berth's own absolute URL as its path, and ignores what is not a string", () => {
    expect(safeNext("http://127.0.0.1:3000/audit?x=1", ORIGIN)).toBe("/audit?x=1");
    expect(safeNext(undefined, ORIGIN)).toBe(DEFAULT_NEXT);
    expect(safeNext(["/audit", "//evil"], ORIGIN)).toBe("/audit");
    expect(safeNext("/x".repeat(2000), ORIGIN)).toBe(DEFAULT_NEXT);
    expect(safeNext("/audit", "not a url")).toBe(DEFAULT_NEXT);
  });
});
