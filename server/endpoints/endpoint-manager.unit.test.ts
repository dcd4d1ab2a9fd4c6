import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { SWARM_RESOURCES } from "@/lib/swarm";
import { storeTopicPattern } from "@/lib/topics";
import { log } from "@/server/log";
import { EndpointManager } from "./endpoint-manager";
import { driverFor, driverForConnection, requireDriver, storeSpecs } from "./registry";

// No network: a unix socket path that does not exist, and a kind this build has no driver for. Both sessions stay
// down on their own; what is tested is how the manager and the registry treat them.
const quiet = log.child({}, { level: "silent" });
let manager: EndpointManager;

afterEach(() => manager?.stopAll());

const row = (id: string, kind: string, url: string) => ({ id, name: id, kind, url, secret: null, createdAt: 0 });

describe("driver registry", () => {
  it("serves docker, routes a connection input to its driver, and refuses unknown kinds clearly", () => {
    expect(driverFor("docker")?.label).toBe("Docker");
    expect(driverFor("nope")).toBeUndefined();
    expect(() => requireDriver("nope")).toThrow(UserError);
    const found = driverForConnection({ type: "unix", socketPath: "/run/x.sock" });
    expect(found?.driver.kind).toBe("docker");
    expect(found?.driver.urlOf(found.connection)).toBe("unix:///run/x.sock");
    expect(driverForConnection({ type: "carrier-pigeon" })).toBeUndefined();
  });

  it("lists every store with its permission, and the store topic serves exactly those", () => {
    const specs = storeSpecs();
    expect(specs.get("containers")?.permission).toBe("container:read");
    expect(specs.get("networks")?.permission).toBe("network:read");
    const re = storeTopicPattern([...specs.keys()]);
    expect(re.test("endpoint:local:containers")).toBe(true);
    expect(re.test("endpoint:local:images")).toBe(false);
  });
});

describe("EndpointManager", () => {
  it("opens each endpoint through its kind's driver and narrows access by kind", () => {
    manager = new EndpointManager(quiet);
    manager.add(row("d1", "docker", "unix:///nonexistent/berth-test.sock"));
    manager.add(row("k1", "kubernetes", "https://127.0.0.1:1"));
    manager.add(row("n1", "nomad", "https://127.0.0.1:1"));
    expect(manager.session("d1")?.kind).toBe("docker");
    expect(manager.session("d1")?.storeNames()).toEqual(["containers", "networks", ...SWARM_RESOURCES]);
    expect(manager.access("d1", "docker").containers.size).toBe(0);
    expect(manager.view("k1")).toMatchObject({ kind: "kubernetes", address: "https://127.0.0.1:1" });
    expect(() => manager.access("k1", "docker")).toThrow(/"k1" is a Kubernetes endpoint: this works on Docker/);
    // A kind without a driver in this build lists, down, saying why; asking it for Docker is refused by name.
    expect(manager.view("n1")).toMatchObject({ kind: "nomad", address: "(unsupported kind)" });
    expect(manager.view("n1")?.health.state).not.toBe("up");
    expect(() => manager.access("n1", "docker")).toThrow(/"n1" is a nomad endpoint: this works on Docker/);
    try {
      manager.access("n1", "docker");
    } catch (err) {
      expect((err as UserError).status).toBe(409);
    }
    expect(() => manager.access("missing", "docker")).toThrow("Endpoint not found");
  });

  it("tells store listeners only about the store they asked for, and stops telling them when asked", () => {
    manager = new EndpointManager(quiet);
    manager.add(row("d1", "docker", "unix:///nonexistent/berth-test.sock"));
    const seen: string[] = [];
    const off = manager.onStore<{ id: string }>("networks", (id, d) => seen.push(`${id}:${d.upsert[0]?.id}`));
    const docker = manager.access("d1", "docker");
    docker.containers.upsert({ id: "c1" } as never);
    docker.networks.upsert({ id: "n1" } as never);
    off();
    docker.networks.upsert({ id: "n2" } as never);
    expect(seen).toEqual(["d1:n1"]);
  });
});
