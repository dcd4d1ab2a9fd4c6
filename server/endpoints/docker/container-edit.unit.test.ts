import { describe, expect, it } from "vitest";
import { type ContainerSpecInput, containerSpec } from "@/lib/container-spec";
import { editToCreateBody, liveUpdateFor } from "./container-edit";
import { type ImageConfigLike, type InspectLike, inspectToSpec } from "./container-spec-map";

const ANON = "a".repeat(64);
const MB = 1024 * 1024;

const inspect: InspectLike = {
  Id: "0123456789abcdef",
  Name: "/web",
  Image: "sha256:img",
  Config: {
    Hostname: "0123456789ab",
    Image: "app:1",
    Cmd: ["serve"],
    Env: ["PATH=/bin", "A=1"],
    Labels: { "image.label": "x", mine: "y" },
    ExposedPorts: { "80/tcp": {}, "9000/tcp": {}, "5000/tcp": {} },
    Volumes: { "/var/lib/app": {} },
    Healthcheck: { Test: ["CMD", "true"] },
    StopSignal: "SIGQUIT",
    Tty: true,
  },
  HostConfig: {
    CapAdd: ["NET_ADMIN"],
    Binds: ["/srv:/srv:ro"],
    Mounts: [{ Type: "volume", Target: "/cache" }],
    PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
    RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
    NetworkMode: "appnet",
    Memory: 64 * MB,
    MemorySwap: 128 * MB,
    NanoCpus: 0,
    Init: true,
  },
  Mounts: [
    { Type: "bind", Destination: "/srv" },
    { Type: "volume", Name: ANON.replace(/a/g, "b"), Destination: "/cache" },
    { Type: "volume", Name: ANON, Destination: "/var/lib/app" },
  ],
  NetworkSettings: {
    Networks: {
      appnet: { Aliases: ["0123456789ab", "web-alias"], IPAMConfig: null },
      backend: { Aliases: ["0123456789ab", "api"] },
    },
  },
};
const image: ImageConfigLike = {
  Cmd: ["serve"],
  Env: ["PATH=/bin"],
  Labels: { "image.label": "x" },
  ExposedPorts: { "80/tcp": {}, "5000/tcp": {} },
  Volumes: { "/var/lib/app": {} },
  Healthcheck: { Test: ["CMD", "true"] },
  StopSignal: "SIGTERM",
};

/** What the edit form starts with, changed by `change`, as the server receives it. */
const edited = (change: Partial<ContainerSpecInput> = {}) =>
  containerSpec.parse({ ...inspectToSpec(inspect, image), ...change });

describe("editToCreateBody", () => {
  it("takes the form's settings and keeps what the form does not show", () => {
    const { body, extraNetworks } = editToCreateBody(
      inspect,
      edited({ env: ["A=2", "B=3"], labels: [{ key: "tier", value: "web" }], restartPolicy: "always" }),
      image,
    );
    expect(body.Image).toBe("app:1");
    expect(body.Env).toEqual(["A=2", "B=3"]);
    expect(body.Labels).toEqual({ tier: "web" });
    expect(body.Cmd).toBeUndefined(); // the image's default, as before
    expect(body.Hostname).toBeUndefined();
    expect(body.Tty).toBe(true);
    // The container's own stop signal stays; a healthcheck equal to the image's is left to the image.
    expect(body.StopSignal).toBe("SIGQUIT");
    expect(body.Healthcheck).toBeUndefined();
    // 9000 was exposed without publishing (--expose): kept. 5000 is the image's own: left to it.
    expect(body.ExposedPorts).toEqual({ "9000/tcp": {}, "80/tcp": {} });
    expect(body.Volumes).toBeUndefined();
    const hc = body.HostConfig;
    expect(hc.CapAdd).toEqual(["NET_ADMIN"]);
    expect(hc.Binds).toBeUndefined();
    expect(hc.RestartPolicy).toEqual({ Name: "always" });
    expect(hc.PortBindings).toEqual({ "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] });
    expect(hc.Memory).toBe(64 * MB);
    expect(hc.MemorySwap).toBe(128 * MB);
    expect(hc.Init).toBe(true);
    // The form's anonymous volume and the image's volume keep their data: mounted by name.
    expect(hc.Mounts).toEqual([
      { Type: "bind", Source: "/srv", Target: "/srv", ReadOnly: true },
      { Type: "volume", Source: ANON.replace(/a/g, "b"), Target: "/cache", ReadOnly: false },
      { Type: "volume", Source: ANON, Target: "/var/lib/app" },
    ]);
    expect(hc.NetworkMode).toBe("appnet");
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { appnet: { Aliases: ["web-alias"] } } });
    expect(extraNetworks).toEqual([{ name: "backend", aliases: ["api"] }]);
  });

  it("a removed volume stays removed; a new network starts plain and keeps the extra ones", () => {
    const spec = edited({ volumes: [], network: "other" });
    const { body, extraNetworks } = editToCreateBody(inspect, spec, image);
    expect(body.HostConfig.Mounts).toEqual([{ Type: "volume", Source: ANON, Target: "/var/lib/app" }]);
    expect(body.HostConfig.NetworkMode).toBe("other");
    expect(body.NetworkingConfig).toBeUndefined();
    expect(extraNetworks).toEqual([{ name: "backend", aliases: ["api"] }]);
    expect(editToCreateBody(inspect, edited({ network: "host" }), image).extraNetworks).toEqual([]);
  });

  it("a new image brings its own defaults; a command set in the form is taken", () => {
    const { body } = editToCreateBody(inspect, edited({ image: "app:2", command: "run --fast" }), image);
    expect(body.Image).toBe("app:2");
    expect(body.Cmd).toEqual(["run", "--fast"]);
    expect(body.Healthcheck).toBeUndefined();
  });

  it("a memory change does not leave the old swap limit in the way", () => {
    expect(editToCreateBody(inspect, edited({ memoryMb: "256" }), image).body.HostConfig.MemorySwap).toBe(0);
    expect(editToCreateBody(inspect, edited({ memoryMb: "" }), image).body.HostConfig.MemorySwap).toBe(0);
    const unlimited = { ...inspect, HostConfig: { ...inspect.HostConfig, MemorySwap: -1 } };
    expect(editToCreateBody(unlimited, edited({ memoryMb: "256" }), image).body.HostConfig.MemorySwap).toBe(-1);
  });
});

describe("liveUpdateFor", () => {
  it("applies restart policy and limits in place", () => {
    expect(liveUpdateFor(inspect, image, edited({ restartPolicy: "on-failure", maxRetries: "3" }))).toEqual({
      RestartPolicy: { Name: "on-failure", MaximumRetryCount: 3 },
    });
    expect(liveUpdateFor(inspect, image, edited({ memoryMb: "128", cpus: "0.5" }))).toEqual({
      RestartPolicy: { Name: "no" },
      Memory: 128 * MB,
      MemorySwap: 256 * MB,
      NanoCpus: 500_000_000,
    });
  });

  it("replaces for anything else, for no change, and for lifting a limit", () => {
    expect(liveUpdateFor(inspect, image, edited())).toBeNull();
    expect(liveUpdateFor(inspect, image, edited({ restartPolicy: "always", env: ["A=1", "B=2"] }))).toBeNull();
    expect(liveUpdateFor(inspect, image, edited({ memoryMb: "" }))).toBeNull();
    expect(liveUpdateFor(inspect, image, edited({ labels: [] }))).toBeNull();
  });
});
