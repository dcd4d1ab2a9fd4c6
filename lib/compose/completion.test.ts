import { describe, expect, it } from "vitest";
import { keysAt, pathAt, valuesAt } from "./completion";

describe("compose completion", () => {
  it("offers the keys the schema allows at a path", () => {
    expect(keysAt([])).toEqual(expect.arrayContaining(["services", "networks", "volumes"]));
    expect(keysAt(["services", "web"])).toEqual(
      expect.arrayContaining(["image", "depends_on", "healthcheck", "profiles"]),
    );
    expect(keysAt(["services", "web", "healthcheck"])).toEqual([
      "disable",
      "interval",
      "retries",
      "start_period",
      "test",
      "timeout",
    ]);
    expect(keysAt(["services", "web", "depends_on", "db"])).toEqual(["condition", "required", "restart"]);
    expect(valuesAt(["services", "web", "depends_on", "db", "condition"])).toEqual([
      "service_started",
      "service_healthy",
      "service_completed_successfully",
    ]);
    expect(valuesAt(["services", "web", "pull_policy"])).toContain("never");
  });

  it("finds the path of a line by indentation", () => {
    const lines = ["services:", "  web:", "    image: x", "    depends_on:", "      db:", "        "];
    expect(pathAt(lines, 5, 8)).toEqual(["services", "web", "depends_on", "db"]);
    expect(pathAt(lines, 2, 4)).toEqual(["services", "web"]);
    expect(pathAt(["services:", "  web:", "    volumes:", "      - type: bind", "        "], 4, 8)).toEqual([
      "services",
      "web",
      "volumes",
      "-",
    ]);
  });
});
