import { describe, expect, it } from "vitest";
import { containerSpec } from "@/lib/container-spec";
import { inspectToCreateBody, inspectToSpec, specToCreateBody } from "./container-spec-map";

describe("specToCreateBody", () => {
  it("builds the Engine API body", () => {
    const spec = containerSpec.parse({
      image: "busybox:latest",
      name: "web",
      command: "sh -c 'sleep 1000'",
      entrypoint: "",
      env: ["A=b=c"],
      labels: [{ key: "k", value: "v" }],
      ports: [
        { hostIp: "127.0.0.1", hostPort: "8080", containerPort: "80" },
        { containerPort: "53", protocol: "udp" },
      ],
      volumes: [
        { type: "volume", source: "data", target: "/data", readOnly: true },
        { type: "bind", source: "/srv", target: "/srv" },
      ],
      network: "bridge",
      restartPolicy: "unless-stopped",
      memoryMb: "128",
      cpus: "1.5",
      init: true,
    });
    const { name, body } = specToCreateBody(spec);
    expect(name).toBe("web");
    expect(body).toEqual({
      Image: "busybox:latest",
      Cmd: ["sh", "-c", "sleep 1000"],
      Env: ["A=b=c"],
      Labels: { k: "v" },
      ExposedPorts: { "80/tcp": {}, "53/udp": {} },
      HostConfig: {
        PortBindings: {
          "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }],
          "53/udp": [{ HostIp: "", HostPort: "" }],
        },
        Mounts: [
          { Type: "volume", Source: "data", Target: "/data", ReadOnly: true },
          { Type: "bind", Source: "/srv", Target: "/srv", ReadOnly: false },
        ],
        NetworkMode: "bridge",
        RestartPolicy: { Name: "unless-stopped" },
        Memory: 128 * 1024 * 1024,
        NanoCpus: 1_500_000_000,
        AutoRemove: false,
        Init: true,
      },
    });
  });
});

const inspect = {
  Id: "0123456789abcdef0123",
  Name: "/web",
  Config: {
    Hostname: "0123456789ab",
    Image: "busybox:latest",
    Cmd: ["sh", "-c", "echo 'hi'"],
    Entrypoint: null,
    Env: ["PATH=/usr/bin:/bin", "A=1"],
    Labels: { "image.label": "x", mine: "y" },
    WorkingDir: "/app",
    User: "",
    ExposedPorts: { "80/tcp": {} },
  },
  HostConfig: {
    Binds: ["/srv:/srv:ro", "data:/data"],
    Mounts: [{ Type: "volume", Source: "v2", Target: "/v2" }],
    PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
    NetworkMode: "default",
    RestartPolicy: { Name: "on-failure", MaximumRetryCount: 5 },
    Memory: 64 * 1024 * 1024,
    NanoCpus: 500_000_000,
    AutoRemove: false,
    Init: true,
    CapAdd: ["NET_ADMIN"],
  },
  Mounts: [
    { Type: "bind", Source: "/srv", Destination: "/srv" },
    { Type: "volume", Name: "data", Destination: "/data" },
    { Type: "volume", Name: "4f00anon", Destination: "/var/lib/x" },
  ],
  NetworkSettings: {
    Networks: { bridge: { Aliases: null }, backend: { Aliases: ["0123456789ab", "api"] } },
  },
};

describe("inspectToSpec", () => {
  it("pre-fills the form, leaving the image's defaults out", () => {
    const spec = inspectToSpec(inspect, { Env: ["PATH=/usr/bin:/bin"], Labels: { "image.label": "x" }, Cmd: ["sh"] });
    expect(spec).toEqual({
      image: "busybox:latest",
      name: "web",
      command: `sh -c 'echo '\\''hi'\\'''`,
      entrypoint: "",
      workingDir: "/app",
      user: "",
      env: ["A=1"],
      labels: [{ key: "mine", value: "y" }],
      ports: [{ hostIp: "127.0.0.1", hostPort: "8080", containerPort: "80", protocol: "tcp" }],
      volumes: [
        { type: "bind", source: "/srv", target: "/srv", readOnly: true },
        { type: "volume", source: "data", target: "/data", readOnly: false },
        { type: "volume", source: "v2", target: "/v2", readOnly: false },
      ],
      network: "",
      restartPolicy: "on-failure",
      maxRetries: "5",
      memoryMb: "64",
      cpus: "0.5",
      autoRemove: false,
      init: true,
    });
    // What Duplicate shows is valid input, and round-trips to the same settings.
    const parsed = containerSpec.parse(spec);
    expect(specToCreateBody(parsed).body.Cmd).toEqual(inspect.Config.Cmd);
  });
});

describe("inspectToCreateBody", () => {
  it("keeps every setting but the old instance's identity", () => {
    const { body, extraNetworks } = inspectToCreateBody(inspect);
    expect(body.Hostname).toBeUndefined();
    expect(body.Env).toEqual(inspect.Config.Env);
    expect(body.HostConfig.CapAdd).toEqual(["NET_ADMIN"]);
    expect(body.HostConfig.Mounts).toEqual([
      { Type: "volume", Source: "v2", Target: "/v2" },
      { Type: "volume", Source: "4f00anon", Target: "/var/lib/x" },
    ]);
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { bridge: {} } });
    expect(extraNetworks).toEqual([{ name: "backend", aliases: ["api"] }]);
    expect(inspectToCreateBody({ ...inspect, Config: { ...inspect.Config, Hostname: "myhost" } }).body.Hostname).toBe(
      "myhost",
    );
  });
});
