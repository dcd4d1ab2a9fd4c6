import { describe, expect, it } from "vitest";
import { REDACTED, redactArgs, redactCommandLine, redactEventAction, redactInspect, redactLabels } from "./redaction";

describe("redaction policy", () => {
  it("hides env values and secret-looking labels in inspect, keeps the rest", () => {
    const doc = {
      Id: "abc",
      Args: ["--db-password", "hunter3", "--port", "80"],
      Config: {
        Env: ["DB_PASSWORD=hunter2", "PATH=/bin", "EMPTY=", "WEIRD"],
        Labels: { "com.example.api-token": "t0k3n", app: "web" },
        Cmd: ["sh", "-c", "run --api-key=k3y"],
        Image: "x",
      },
      HostConfig: { LogConfig: { Type: "splunk", Config: { "splunk-token": "s3cret", "splunk-url": "u" } } },
    };
    const out = redactInspect(doc);
    expect(out.Config.Env).toEqual([`DB_PASSWORD=${REDACTED}`, `PATH=${REDACTED}`, `EMPTY=${REDACTED}`, "WEIRD"]);
    expect(out.Config.Labels).toEqual({ "com.example.api-token": REDACTED, app: "web" });
    expect(out.HostConfig.LogConfig.Config).toEqual({ "splunk-token": REDACTED, "splunk-url": "u" });
    expect(out.Args).toEqual(["--db-password", REDACTED, "--port", "80"]);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|hunter3|t0k3n|s3cret|k3y/);
    // the input is untouched
    expect(doc.Config.Env[0]).toBe("DB_PASSWORD=hunter2");
  });

  it("redacts label values by key and leaves other labels as they are", () => {
    const labels = { "db.password": "a", api_token: "b", "com.docker.compose.project": "shop" };
    expect(redactLabels(labels)).toEqual({
      "db.password": REDACTED,
      api_token: REDACTED,
      "com.docker.compose.project": "shop",
    });
    const plain = { app: "web" };
    expect(redactLabels(plain)).toBe(plain);
    expect(labels["db.password"]).toBe("a");
  });

  it("redacts command lines: secret flags, assignments, and Dockerfile ENV/ARG values", () => {
    expect(redactCommandLine("echo --db-password=hunter2 --verbose")).toBe(`echo --db-password=${REDACTED} --verbose`);
    expect(redactCommandLine("login --token 'abc def' -v")).toBe(`login --token ${REDACTED} -v`);
    expect(redactCommandLine("DB_PASSWORD=x ./run && echo ok")).toBe(`DB_PASSWORD=${REDACTED} ./run && echo ok`);
    expect(redactCommandLine("/bin/sh -c #(nop)  ENV API_SECRET=s3 MODE=prod")).toBe(
      `/bin/sh -c #(nop)  ENV API_SECRET=${REDACTED} MODE=${REDACTED}`,
    );
    expect(redactCommandLine("ENV PASSWORD hunter2")).toBe(`ENV PASSWORD ${REDACTED}`);
    expect(redactCommandLine("ls -la /tmp")).toBe("ls -la /tmp");
    expect(redactArgs(["--password", "p", "-x"])).toEqual(["--password", REDACTED, "-x"]);
  });

  it("keeps only the verb of exec event actions", () => {
    expect(redactEventAction("exec_start: echo --db-password=x")).toBe("exec_start");
    expect(redactEventAction("exec_create: sh")).toBe("exec_create");
    expect(redactEventAction("health_status: healthy")).toBe("health_status: healthy");
  });
});
