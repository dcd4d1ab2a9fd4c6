import { describe, expect, it } from "vitest";
import type { CreateBody } from "./container-spec-map";
import { withoutImageDefaults } from "./update-body";

describe("withoutImageDefaults", () => {
  it("leaves out what the old image supplied and keeps what the container set itself", () => {
    const body: CreateBody = {
      Image: "r/app:1",
      Labels: { "org.image.version": "1", tier: "web" },
      Env: ["PATH=/bin", "MODE=prod"],
      Cmd: ["serve"],
      Entrypoint: null,
      Healthcheck: { Test: ["CMD", "true"], Interval: 1e9 },
      WorkingDir: "/srv",
      ExposedPorts: { "80/tcp": {}, "8080/tcp": {}, "9000/tcp": {} },
      Volumes: { "/data": {}, "/extra": {} },
      HostConfig: { PortBindings: { "8080/tcp": [{ HostPort: "8080" }] } },
    };
    const out = withoutImageDefaults(body, {
      Labels: { "org.image.version": "1" },
      Env: ["PATH=/bin"],
      Cmd: ["serve"],
      Entrypoint: null,
      Healthcheck: { Test: ["CMD", "true"], Interval: 1e9 },
      WorkingDir: "/app",
      ExposedPorts: { "80/tcp": {}, "8080/tcp": {} },
      Volumes: { "/data": {} },
    });
    expect(out).toEqual({
      Image: "r/app:1",
      Labels: { tier: "web" },
      Env: ["MODE=prod"],
      WorkingDir: "/srv",
      ExposedPorts: { "8080/tcp": {}, "9000/tcp": {} },
      Volumes: { "/extra": {} },
      HostConfig: { PortBindings: { "8080/tcp": [{ HostPort: "8080" }] } },
    });
  });
});
