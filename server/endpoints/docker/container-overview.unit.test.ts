import { describe, expect, it } from "vitest";
import { toOverview } from "./container-overview";

describe("toOverview", () => {
  it("reads state, health, command, mounts, networks and ports", () => {
    const o = toOverview({
      Id: "abc",
      Name: "/web",
      Path: "sh",
      Args: ["-c", "echo hi && sleep 1"],
      RestartCount: 3,
      Image: "sha256:1",
      State: {
        Status: "running",
        Running: true,
        StartedAt: "2024-01-01T00:00:00Z",
        Health: { Status: "unhealthy", FailingStreak: 2, Log: [{ Output: "boom\n" }] },
      },
      Config: { Image: "busybox", Tty: false },
      Mounts: [{ Type: "volume", Name: "data", Source: "/var/lib/x", Destination: "/data", Mode: "z", RW: true }],
      NetworkSettings: {
        Networks: { bridge: { IPAddress: "172.17.0.2", Gateway: "172.17.0.1", MacAddress: "02:42" } },
        Ports: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }], "443/tcp": null },
      },
    });
    expect(o).toMatchObject({
      name: "web",
      state: "running",
      running: true,
      restartCount: 3,
      image: "busybox",
      command: 'sh -c "echo hi && sleep 1"',
      health: { status: "unhealthy", failingStreak: 2, lastOutput: "boom" },
    });
    expect(o.mounts).toEqual([{ type: "volume", source: "data", destination: "/data", mode: "z", rw: true }]);
    expect(o.networks[0]).toEqual({ name: "bridge", ip: "172.17.0.2", gateway: "172.17.0.1", mac: "02:42" });
    expect(o.ports).toEqual([
      { container: "80/tcp", host: "127.0.0.1:8080" },
      { container: "443/tcp", host: "" },
    ]);
  });

  it("survives an empty document", () => {
    expect(toOverview(null)).toMatchObject({ state: "unknown", restartCount: 0, mounts: [], networks: [], ports: [] });
  });
});
