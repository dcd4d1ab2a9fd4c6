import { describe, expect, it } from "vitest";
import { execArgv, execStartInput } from "./exec-options";

describe("execStartInput", () => {
  it("defaults to sh at 80x24 as the container's user", () => {
    expect(execStartInput.parse({ endpointId: "local", containerId: "abc" })).toMatchObject({
      shell: "sh",
      user: "",
      cols: 80,
      rows: 24,
    });
  });
  it("needs a command for a custom shell and a sane user", () => {
    expect(execStartInput.safeParse({ endpointId: "l", containerId: "c", shell: "custom" }).success).toBe(false);
    expect(execStartInput.safeParse({ endpointId: "l", containerId: "c", user: "root; rm" }).success).toBe(false);
    expect(execStartInput.safeParse({ endpointId: "l", containerId: "c", user: "1000:1000" }).success).toBe(true);
  });
  it("builds argv", () => {
    expect(execArgv({ shell: "bash" })).toEqual(["bash"]);
    expect(execArgv({ shell: "custom", command: "  top -b  -n 1 " })).toEqual(["top", "-b", "-n", "1"]);
  });
});
