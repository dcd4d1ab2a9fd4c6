import { describe, expect, it } from "vitest";
import { joinCommandLine, splitCommandLine } from "./command-line";

describe("splitCommandLine over several lines (the form's Command is a text area)", () => {
  it("treats new lines as spaces", () => {
    expect(splitCommandLine("sh -c\n'sleep 3600'\n")).toEqual(["sh", "-c", "sleep 3600"]);
  });

  it("joins a backslash-newline continuation, outside quotes and inside double quotes", () => {
    expect(splitCommandLine("echo one \\\n  two")).toEqual(["echo", "one", "two"]);
    expect(splitCommandLine('echo "a\\\nb"')).toEqual(["echo", "ab"]);
  });

  it("keeps a backslash-newline inside single quotes as it is", () => {
    expect(splitCommandLine("echo 'a\\\nb'")).toEqual(["echo", "a\\\nb"]);
  });

  it("round-trips through joinCommandLine", () => {
    const argv = ["sh", "-c", "echo 'hi'\nsleep 1"];
    expect(splitCommandLine(joinCommandLine(argv))).toEqual(argv);
  });
});
