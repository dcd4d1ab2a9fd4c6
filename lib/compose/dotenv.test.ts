import { describe, expect, it } from "vitest";
import { DotenvError, parseDotenv } from "./dotenv";

describe("parseDotenv", () => {
  it("reads quotes, escapes, export and comments as Compose does", () => {
    expect(
      parseDotenv("# c\nA=1\nexport B='x $y'\nC=\"line\\nnext\"\nD=plain # trailing\nE=\nF\n  G = spaced  \n"),
    ).toEqual({ A: "1", B: "x $y", C: "line\nnext", D: "plain", E: "", G: "spaced" });
  });

  it("names the line of a bad variable name", () => {
    expect(() => parseDotenv("A=1\n1BAD=2\n")).toThrow(DotenvError);
    expect(() => parseDotenv("A=1\n1BAD=2\n")).toThrow(/^line 2:/);
  });
});
