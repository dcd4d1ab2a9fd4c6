import { describe, expect, it } from "vitest";
import { REDACTED, redactInspect } from "./inspect-redact";

describe("redactInspect", () => {
  it("hides env values and secret-looking labels, keeps the rest", () => {
    const doc = {
      Id: "abc",
      Config: {
        Env: ["DB_PASSWORD=hunter2", "PATH=/bin", "EMPTY=", "WEIRD"],
        Labels: { "com.example.api-token": "t0k3n", app: "web" },
        Image: "x",
      },
      HostConfig: { LogConfig: { Type: "splunk", Config: { "splunk-token": "s3cret", "splunk-url": "u" } } },
    };
    const out = redactInspect(doc);
    expect(out.Config.Env).toEqual([`DB_PASSWORD=${REDACTED}`, `PATH=${REDACTED}`, `EMPTY=${REDACTED}`, "WEIRD"]);
    expect(out.Config.Labels).toEqual({ "com.example.api-token": REDACTED, app: "web" });
    expect(out.HostConfig.LogConfig.Config).toEqual({ "splunk-token": REDACTED, "splunk-url": "u" });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|t0k3n|s3cret/);
    // the input is untouched
    expect(doc.Config.Env[0]).toBe("DB_PASSWORD=hunter2");
  });
});
