import { describe, expect, it } from "vitest";
import {
  checkCreateBody,
  checkServiceSpec,
  DEFAULT_RESTRICTIONS,
  describeViolations,
  parseRestrictions,
  type RestrictionRule,
  referencedNetworks,
  referencedVolumes,
  serviceNetworkTargets,
} from "./container-restrictions";

const on = DEFAULT_RESTRICTIONS;
const rules = (body: unknown, ctx = {}) => checkCreateBody(body, on, ctx).map((v) => v.rule);
const hc = (h: Record<string, unknown>) => ({ Image: "x", HostConfig: h });

describe("checkCreateBody", () => {
  it("passes an ordinary container", () => {
    expect(
      rules(
        hc({
          PortBindings: { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8080" }] },
          Mounts: [
            { Type: "volume", Source: "data", Target: "/data" },
            { Type: "tmpfs", Target: "/tmp" },
          ],
          Binds: ["cache:/cache:ro", "/anon"],
          NetworkMode: "bridge",
          RestartPolicy: { Name: "always" },
          CapDrop: ["ALL"],
          SecurityOpt: ["no-new-privileges:true"],
          Privileged: false,
          CgroupnsMode: "host",
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RestrictionRule]>([
    ["privileged", { Privileged: true }, "privileged"],
    ["privileged as a truthy non-boolean", { Privileged: 1 }, "privileged"],
    ["host PID", { PidMode: "host" }, "hostPid"],
    ["another container's PID", { PidMode: "container:abc" }, "hostPid"],
    ["host network", { NetworkMode: "HOST" }, "hostNetwork"],
    ["another container's network", { NetworkMode: "container:admin-box" }, "hostNetwork"],
    ["host IPC", { IpcMode: "host" }, "hostIpc"],
    ["another container's IPC", { IpcMode: "container:x" }, "hostIpc"],
    ["host UTS", { UTSMode: "host" }, "hostNamespaces"],
    ["host userns", { UsernsMode: "host" }, "hostNamespaces"],
    ["bind via Binds", { Binds: ["/:/host"] }, "bindMounts"],
    ["bind via Binds with a relative-looking path", { Binds: ["./etc:/x"] }, "bindMounts"],
    ["bind via Mounts", { Mounts: [{ Type: "bind", Source: "/etc", Target: "/x" }] }, "bindMounts"],
    ["bind via Mounts, odd case type", { Mounts: [{ Type: "BIND", Source: "/etc", Target: "/x" }] }, "bindMounts"],
    ["npipe mount", { Mounts: [{ Type: "npipe", Source: "//./pipe/docker", Target: "/x" }] }, "bindMounts"],
    [
      "volume with o=bind (CVE-2026-44850)",
      {
        Mounts: [
          {
            Type: "volume",
            Source: "evil",
            Target: "/x",
            VolumeOptions: { DriverConfig: { Name: "local", Options: { type: "none", o: "bind", device: "/" } } },
          },
        ],
      },
      "bindMounts",
    ],
    [
      "volume with o=rbind,ro only",
      { Mounts: [{ Type: "volume", Target: "/x", VolumeOptions: { DriverConfig: { Options: { o: "ro, rbind" } } } }] },
      "bindMounts",
    ],
    [
      "volume with only device=/path",
      { Mounts: [{ Type: "volume", Target: "/x", VolumeOptions: { DriverConfig: { Options: { device: "/etc" } } } }] },
      "bindMounts",
    ],
    [
      "third-party driver taking a host path",
      {
        Mounts: [
          {
            Type: "volume",
            Target: "/x",
            VolumeOptions: { DriverConfig: { Name: "local-persist", Options: { mountpoint: "/root" } } },
          },
        ],
      },
      "bindMounts",
    ],
    ["VolumesFrom another container", { VolumesFrom: ["admin-box"] }, "bindMounts"],
    ["devices", { Devices: [{ PathOnHost: "/dev/sda", PathInContainer: "/dev/sda" }] }, "devices"],
    ["device requests", { DeviceRequests: [{ Count: -1 }] }, "devices"],
    ["device cgroup rules", { DeviceCgroupRules: ["a *:* rwm"] }, "devices"],
    ["cap add", { CapAdd: ["SYS_ADMIN"] }, "capabilities"],
    ["cap add as a bare string", { CapAdd: "SYS_ADMIN" }, "capabilities"],
    ["capabilities list", { Capabilities: ["CAP_SYS_ADMIN"] }, "capabilities"],
    ["sysctls", { Sysctls: { "kernel.core_pattern": "|/x" } }, "sysctls"],
    ["seccomp unconfined", { SecurityOpt: ["seccomp=unconfined"] }, "securityOptions"],
    [
      "apparmor unconfined beside nnp",
      { SecurityOpt: ["no-new-privileges", "apparmor=unconfined"] },
      "securityOptions",
    ],
    ["label disable", { SecurityOpt: ["label=disable"] }, "securityOptions"],
  ])("refuses %s", (_, h, rule) => {
    expect(rules(hc(h))).toContain(rule);
  });

  it("matches keys the way the engine does: any case, Kelvin sign and long s", () => {
    expect(rules({ Image: "x", hostconfig: { privileged: true } })).toEqual(["privileged"]);
    expect(rules(hc({ "NetworK\u212aMode": "host" }))).toEqual([]); // not a real key
    expect(rules(hc({ Networ\u212aMode: "host" }))).toEqual(["hostNetwork"]);
    expect(rules(hc({ "\u017fysctls": { a: "b" } }))).toEqual(["sysctls"]);
    expect(rules(hc({ mounts: [{ type: "bind", source: "/", target: "/h" }] }))).toEqual(["bindMounts"]);
    expect(
      rules(hc({ Mounts: [{ Type: "volume", volumeoptions: { driverconfig: { options: { O: "bind" } } } }] })),
    ).toEqual(["bindMounts"]);
  });

  it("refuses when any duplicate spelling asks for it, whichever the engine would keep", () => {
    expect(rules({ Image: "x", HostConfig: { Privileged: false, privileged: true } })).toEqual(["privileged"]);
    expect(rules({ Image: "x", HostConfig: {}, hostConfig: { Binds: ["/:/h"] } })).toEqual(["bindMounts"]);
  });

  it("looks up named volumes created earlier with bind options", () => {
    const volumes = { hostroot: { Driver: "local", Options: { type: "none", o: "bind", device: "/" } }, plain: {} };
    expect(rules(hc({ Binds: ["hostroot:/h"] }), { volumes })).toEqual(["bindMounts"]);
    expect(rules(hc({ Mounts: [{ Type: "volume", Source: "hostroot", Target: "/h" }] }), { volumes })).toEqual([
      "bindMounts",
    ]);
    expect(rules(hc({ Binds: ["plain:/h"] }), { volumes })).toEqual([]);
    expect(referencedVolumes(hc({ Binds: ["a1:/x", "/h:/y", "/anon"], Mounts: [{ Source: "b2" }] }))).toEqual([
      "a1",
      "b2",
    ]);
  });

  it("lets an admin switch single rules off", () => {
    const off = { ...on, privileged: false };
    expect(checkCreateBody(hc({ Privileged: true, CapAdd: ["NET_ADMIN"] }), off).map((v) => v.rule)).toEqual([
      "capabilities",
    ]);
  });

  it("names the rule in the refusal", () => {
    const msg = describeViolations(checkCreateBody(hc({ Privileged: true, Binds: ["/etc:/x"] }), on));
    expect(msg).toContain('"Privileged mode"');
    expect(msg).toContain('"Bind mounts of host paths');
    expect(msg).toContain("/etc");
  });

  it("ignores garbage shapes without throwing", () => {
    for (const b of [null, 1, "x", [], { HostConfig: null }, { HostConfig: [] }, hc({ Mounts: "x", Binds: 5 })])
      expect(() => checkCreateBody(b, on)).not.toThrow();
  });
});

describe("checkServiceSpec", () => {
  it("applies mounts, capabilities, sysctls and privileges to Swarm services", () => {
    const spec = {
      TaskTemplate: {
        ContainerSpec: {
          Mounts: [{ Type: "bind", Source: "/", Target: "/h" }],
          CapabilityAdd: ["SYS_ADMIN"],
          Sysctls: { a: "b" },
          Privileges: { SELinuxContext: { Disable: true } },
        },
      },
    };
    expect(checkServiceSpec(spec, on).map((v) => v.rule)).toEqual([
      "bindMounts",
      "capabilities",
      "sysctls",
      "securityOptions",
    ]);
    expect(checkServiceSpec({ TaskTemplate: { ContainerSpec: { Image: "x" } } }, on)).toEqual([]);
  });
});

describe("networks resolved by the engine", () => {
  const HOST_ID = "a".repeat(64);
  const networks = {
    [HOST_ID]: { Id: HOST_ID, Name: "host", Driver: "host" },
    aaaaaaaaaaaa: { Id: HOST_ID, Name: "host", Driver: "host" },
    mynet: { Id: "b".repeat(64), Name: "mynet", Driver: "bridge" },
  };

  it("names the networks a body refers to, leaving out the engine's own modes", () => {
    const body = {
      HostConfig: { NetworkMode: HOST_ID },
      NetworkingConfig: { EndpointsConfig: { mynet: { NetworkID: "c".repeat(12) }, host: {} } },
    };
    expect(referencedNetworks(body).sort()).toEqual([HOST_ID, "c".repeat(12), "mynet"].sort());
    expect(referencedNetworks(hc({ NetworkMode: "container:web" }))).toEqual([]);
    expect(referencedNetworks(hc({ NetworkMode: "none" }))).toEqual([]);
  });

  it("refuses the host network named by its id or an id prefix, in NetworkMode and in NetworkingConfig", () => {
    expect(rules(hc({ NetworkMode: HOST_ID }), { networks })).toEqual(["hostNetwork"]);
    expect(rules(hc({ networkmode: "aaaaaaaaaaaa" }), { networks })).toEqual(["hostNetwork"]);
    expect(rules({ Image: "x", NetworkingConfig: { EndpointsConfig: { [HOST_ID]: {} } } }, { networks })).toEqual([
      "hostNetwork",
    ]);
    expect(rules({ Image: "x", NetworkingConfig: { EndpointsConfig: { HOST: {} } } })).toEqual(["hostNetwork"]);
    expect(
      rules({ Image: "x", NetworkingConfig: { EndpointsConfig: { x: { NetworkID: "aaaaaaaaaaaa" } } } }, { networks }),
    ).toEqual(["hostNetwork"]);
    expect(rules(hc({ NetworkMode: "mynet" }), { networks })).toEqual([]);
  });

  it("refuses a service attached to the host network by id", () => {
    const spec = { TaskTemplate: { ContainerSpec: { Image: "x" }, Networks: [{ Target: "aaaaaaaaaaaa" }] } };
    expect(serviceNetworkTargets(spec)).toEqual(["aaaaaaaaaaaa"]);
    expect(checkServiceSpec(spec, on, { networks }).map((v) => v.rule)).toEqual(["hostNetwork"]);
    expect(checkServiceSpec(spec, on).map((v) => v.rule)).toEqual([]);
  });
});

describe("parseRestrictions", () => {
  it("defaults every rule to on and survives bad JSON", () => {
    expect(parseRestrictions(undefined)).toEqual(on);
    expect(parseRestrictions("{not json")).toEqual(on);
    expect(parseRestrictions('{"privileged":"no"}')).toEqual(on);
    expect(parseRestrictions('{"privileged":false}')).toEqual({ ...on, privileged: false });
  });
});
