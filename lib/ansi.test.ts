import { describe, expect, it } from "vitest";
import { color256, parseAnsi, stripAnsi } from "./ansi";

describe("parseAnsi", () => {
  it("returns plain text as one unstyled segment", () => {
    expect(parseAnsi("hello")).toEqual([{ text: "hello", style: {} }]);
    expect(parseAnsi("")).toEqual([]);
  });

  it("applies basic and bright colours and resets", () => {
    expect(parseAnsi("a\x1b[31mred\x1b[0m b \x1b[1;92mok\x1b[m")).toEqual([
      { text: "a", style: {} },
      { text: "red", style: { fg: "#cd3131" } },
      { text: " b ", style: {} },
      { text: "ok", style: { bold: true, fg: "#23d18b" } },
    ]);
  });

  it("handles 256 and true colour, background, and 39/49 resets", () => {
    const segs = parseAnsi("\x1b[38;5;196;48;2;1;2;3mX\x1b[39mY\x1b[49mZ");
    expect(segs).toEqual([
      { text: "X", style: { fg: "#ff0000", bg: "#010203" } },
      { text: "Y", style: { bg: "#010203" } },
      { text: "Z", style: {} },
    ]);
  });

  it("drops non-SGR sequences and control characters, keeps HTML as text", () => {
    const segs = parseAnsi("\x1b]0;title\x07\x1b[2J\x1b[H<script>alert(1)</script>\x07\x08");
    expect(segs).toEqual([{ text: "<script>alert(1)</script>", style: {} }]);
  });

  it("ignores malformed colour parameters", () => {
    expect(parseAnsi("\x1b[38;2;999;0;0mX")).toEqual([{ text: "X", style: {} }]);
    expect(parseAnsi("\x1b[38;9mX")).toEqual([{ text: "X", style: {} }]);
  });

  it("is linear on hostile input", () => {
    const evil = "\x1b[".repeat(50_000) + "\x1b]".repeat(50_000);
    const t0 = performance.now();
    parseAnsi(evil);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe("color256 and stripAnsi", () => {
  it("maps the cube and the grey ramp", () => {
    expect(color256(16)).toBe("#000000");
    expect(color256(231)).toBe("#ffffff");
    expect(color256(232)).toBe("#080808");
    expect(color256(256)).toBeUndefined();
  });
  it("strips escapes", () => {
    expect(stripAnsi("\x1b[1;31merror\x1b[0m: x")).toBe("error: x");
  });
});
