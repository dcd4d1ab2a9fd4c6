import { describe, expect, it } from "vitest";
import { joinCommandLine, splitCommandLine } from "./command-line";
import { type ContainerSpecInput, containerSpec } from "./container-spec";
import { inspectToCreateBody, inspectToSpec, specToCreateBody } from "./container-spec-map";

const errors = (input: Partial<ContainerSpecInput>) => {
  const r = containerSpec.safeParse({ image: "busybox", ...input });
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[i.path.join(".")] ??= i.message;
  return out;
};

describe("command lines", () => {
  it("splits like a shell, without expanding anything", () => {
    expect(splitCommandLine(`sh -c 'echo "$HOME" && sleep 1'`)).toEqual(["sh", "-c", 'echo "$HOME" && sleep 1']);
    expect(splitCommandLine(`a\\ b "c \\"d\\"" ''`)).toEqual(["a b", 'c "d"', ""]);
    expect(splitCommandLine("  ")).toEqual([]);
    expect(splitCommandLine("echo 'open")).toBeNull();
  });
  it("joins so that splitting gives the same argv back", () => {
    for (const argv of [
      ["sleep", "3600"],
      ["sh", "-c", "echo 'hi' \"there\" $X; ls"],
      ["", "a b", "it's"],
    ])
      expect(splitCommandLine(joinCommandLine(argv))).toEqual(argv);
  });
});

describe("containerSpec validation", () => {
  it("accepts a full spec from form strings", () => {
    const r = containerSpec.parse({
      image: "127.0.0.1:5003/berth-test/busybox:latest",
      name: "web-1",
      command: "sleep 3600",
      env: ["A=1", "URL=postgres://u:p@h/db?x=1&y=2", "EMPTY=", "MULTI=line1\nline2 <script>"],
      labels: [{ key: "com.example.team", value: "<b>ops</b>" }],
      ports: [{ hostIp: "127.0.0.1", hostPort: "8080", containerPort: "80", protocol: "tcp" }],
      volumes: [{ type: "volume", source: "", target: "/data", readOnly: false }],
      restartPolicy: "on-failure",
      maxRetries: "3",
      memoryMb: "64",
      cpus: "0.5",
      workingDir: "",
      user: "1000:1000",
    });
    expect(r.ports[0]).toEqual({ hostIp: "127.0.0.1", hostPort: 8080, containerPort: 80, protocol: "tcp" });
    expect(r.maxRetries).toBe(3);
    expect(r.workingDir).toBeUndefined();
  });

  it("explains every kind of bad field", () => {
    expect(errors({ image: "" })).toEqual({ image: "Image is required" });
    expect(errors({ image: "Bad Image!" }).image).toMatch(/Not a valid image reference/);
    expect(errors({ name: "-x" }).name).toMatch(/Name must be/);
    expect(errors({ env: ["OK=1", "no equals sign"] })["env.1"]).toMatch(/KEY=VALUE/);
    expect(errors({ env: ["=value"] })["env.0"]).toMatch(/KEY=VALUE/);
    expect(errors({ ports: [{ hostPort: "99999", containerPort: "80" }] })["ports.0.hostPort"]).toMatch(
      /Host port must be a whole number from 1 to 65535/,
    );
    expect(errors({ ports: [{ containerPort: "http" }] })["ports.0.containerPort"]).toMatch(/Container port/);
    expect(errors({ ports: [{ containerPort: "" }] })["ports.0.containerPort"]).toMatch(/Container port/);
    expect(errors({ ports: [{ hostIp: "localhost", containerPort: "80" }] })["ports.0.hostIp"]).toMatch(/IPv4/);
    expect(errors({ ports: [{ containerPort: "80", protocol: "icmp" as "tcp" }] })["ports.0.protocol"]).toBeDefined();
    expect(errors({ volumes: [{ type: "bind", source: "etc", target: "/x" }] })["volumes.0.source"]).toMatch(
      /absolute/,
    );
    expect(errors({ volumes: [{ type: "volume", source: "a/b", target: "/x" }] })["volumes.0.source"]).toMatch(
      /Volume name/,
    );
    expect(errors({ volumes: [{ type: "volume", target: "x" }] })["volumes.0.target"]).toMatch(/absolute/);
    expect(errors({ restartPolicy: "always", autoRemove: true }).autoRemove).toMatch(/Auto-remove/);
    expect(errors({ maxRetries: "2" }).maxRetries).toMatch(/on-failure/);
    expect(errors({ memoryMb: "1" }).memoryMb).toMatch(/Memory/);
    expect(errors({ cpus: "lots" }).cpus).toMatch(/CPUs/);
    expect(errors({ command: "echo 'open" }).command).toBe("Command has an unclosed quote");
    expect(errors({ workingDir: "app" }).workingDir).toMatch(/absolute/);
    expect(
      errors({
        labels: [
          { key: "a", value: "1" },
          { key: "a", value: "2" },
        ],
      })["labels.1.key"],
    ).toBe("Duplicate label key");
    expect(errors({ env: ["NUL=a\0b"] })["env.0"]).toBeDefined();
  });
});

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
