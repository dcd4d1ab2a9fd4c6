import { describe, expect, it } from "vitest";
import { parseCookies } from "./session-token";

describe("parseCookies", () => {
  it("is empty for a missing or empty header", () => {
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies("").size).toBe(0);
  });

  it("splits pairs and trims whitespace around them", () => {
    const c = parseCookies("a=1;b=2 ;  c = 3");
    expect(Object.fromEntries(c)).toEqual({ a: "1", b: "2", c: "3" });
  });

  it("keeps '=' inside values (base64 padding, JWT-like values)", () => {
    expect(parseCookies("next-auth.session-token=ab.cd==; x=y=z").get("next-auth.session-token")).toBe("ab.cd==");
    expect(parseCookies("x=y=z").get("x")).toBe("y=z");
  });

  it("percent-decodes values", () => {
    expect(parseCookies("n=hello%20world%3B").get("n")).toBe("hello world;");
  });

  it("drops a malformed percent-encoding but keeps the other cookies", () => {
    const c = parseCookies("bad=%E0%A4%A; good=1");
    expect(c.has("bad")).toBe(false);
    expect(c.get("good")).toBe("1");
  });

  it("skips parts without '=' and empty parts", () => {
    const c = parseCookies("flag; ; a=1;;");
    expect(Object.fromEntries(c)).toEqual({ a: "1" });
  });

  it("accepts empty values", () => {
    expect(parseCookies("a=").get("a")).toBe("");
  });

  it("lets the last of duplicate names win, as Next's request cookies do", () => {
    expect(
      parseCookies("next-auth.session-token=first; next-auth.session-token=second").get("next-auth.session-token"),
    ).toBe("second");
  });

  it("is not fooled by prototype names", () => {
    const c = parseCookies("__proto__=x; constructor=y");
    expect(c.get("__proto__")).toBe("x");
    expect(c.get("constructor")).toBe("y");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("copes with a large header", () => {
    const header = Array.from({ length: 2_000 }, (_, i) => `c${i}=${"v".repeat(10)}`).join("; ");
    expect(parseCookies(header).size).toBe(2_000);
  });
});
