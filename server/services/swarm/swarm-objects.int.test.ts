import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { REDACTED } from "@/lib/redaction";
import { serviceForm } from "@/lib/swarm-schemas";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { createService } from "./create-service";
import { createSwarmObject } from "./create-swarm-object";
import { listSwarm } from "./list-swarm";
import { redeployService } from "./redeploy-service";
import { removeNode } from "./remove-node";
import { removeSwarmObject } from "./remove-swarm-object";
import { swarmObjectUsage } from "./swarm-usage";
import { updateNode } from "./update-node";

// Secrets, configs, node labels and redeploy through Berth's own use cases, checked with the docker CLI on the rig's
// three-node swarm.

const env = process.env;
const MANAGER = env.BERTH_TEST_SWARM_MANAGER_HOST ?? "";
const IMAGE = env.BERTH_TEST_IMAGE ?? "";
const WORKER = (env.BERTH_TEST_SWARM_WORKER_NAMES ?? "").split(",")[0] ?? "";
// The second worker leaves and rejoins in the remove test; the first keeps the label test's state.
const LEAVER = (env.BERTH_TEST_SWARM_WORKER_NAMES ?? "").split(",")[1] ?? "";
const LEAVER_HOST = (env.BERTH_TEST_SWARM_WORKER_HOSTS ?? "").split(",")[1] ?? "";
const LEAVER_ADDR = (env.BERTH_TEST_SWARM_WORKER_ADDRS ?? "").split(",")[1] ?? "";
const MANAGER_ADDR = env.BERTH_TEST_SWARM_MANAGER_ADDR ?? "";
if (!MANAGER || !IMAGE || !WORKER || !LEAVER || !LEAVER_HOST || !LEAVER_ADDR || !MANAGER_ADDR)
  throw new Error("BERTH_TEST_SWARM_* not set: start the rig with its swarm");

const run = promisify(execFile);
const dockerOn = async (host: string, ...args: string[]) =>
  (await run("docker", ["-H", host, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const docker = (...args: string[]) => dockerOn(MANAGER, ...args);
const PREFIX = `it-obj-${Date.now().toString(36)}`;
const EP = "swarm-obj-it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-swarm-obj-"));
let rt: Runtime;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 45_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "swarm-obj-it", kind: "docker", url: MANAGER, secret: null, createdAt: Date.now() });
  await waitFor("the manager's swarm", () => listSwarm(admin, EP, "nodes").length >= 3);
});

afterAll(async () => {
  await docker("service", "rm", `${PREFIX}-svc`, `${PREFIX}-csvc`).catch(() => "");
  await new Promise((r) => setTimeout(r, 1000));
  await docker("config", "rm", `${PREFIX}-config`).catch(() => "");
  await docker("secret", "rm", `${PREFIX}-secret`).catch(() => "");
  await docker("node", "update", "--label-rm", "api_token", "--label-rm", "zone", WORKER).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("secrets", () => {
  it("are created with their value sent once, listed with their users, refused removal while used, then removed", async () => {
    const name = `${PREFIX}-secret`;
    const value = "top-secret-value-42";
    await createSwarmObject(operator, { endpointId: EP, kind: "secret", name, value, labels: {} });
    const secret = await waitFor("the secret in the store", () =>
      listSwarm(admin, EP, "secrets").find((s) => s.name === name),
    );
    expect(JSON.stringify(listSwarm(admin, EP, "secrets"))).not.toContain(value);
    const audit = (await listAudit(rt.db, { action: "swarm.secret.create", limit: 1 }))[0];
    expect(audit?.outcome).toBe("success");
    expect(JSON.stringify(audit)).not.toContain(value);

    const svc = `${PREFIX}-svc`;
    await createService(operator, {
      endpointId: EP,
      service: serviceForm.parse({
        name: svc,
        image: IMAGE,
        command: ["sleep", "3600"],
        replicas: 0,
        endpointMode: "dnsrr",
        secrets: [{ name }],
      }),
    });
    expect((await swarmObjectUsage(admin, EP)).secrets[secret.id]).toEqual([svc]);
    await expect(removeSwarmObject(operator, { endpointId: EP, kind: "secret", id: name })).rejects.toThrow(/in use/);
    expect(await docker("secret", "ls", "--format", "{{.Name}}")).toContain(name);

    // Redeploy: a forced update (the engine's ForceUpdate counter moves).
    const force = () => docker("service", "inspect", svc, "--format", "{{.Spec.TaskTemplate.ForceUpdate}}");
    const before = Number(await force());
    await redeployService(operator, { endpointId: EP, serviceId: svc });
    expect(Number(await force())).toBe(before + 1);

    await docker("service", "rm", svc);
    await waitFor(
      "the service gone from the store",
      () => !listSwarm(admin, EP, "services").some((s) => s.name === svc),
    );
    await removeSwarmObject(operator, { endpointId: EP, kind: "secret", id: name });
    expect(await docker("secret", "ls", "--format", "{{.Name}}")).not.toContain(name);
  });
});

describe("configs", () => {
  it("are created, listed with their users, refused removal while used, then removed", async () => {
    const name = `${PREFIX}-config`;
    await expect(
      createSwarmObject(
        { ...operator, grants: { [EP]: "viewer" } },
        { endpointId: EP, kind: "config", name, value: "x", labels: {} },
      ),
    ).rejects.toThrow();
    await createSwarmObject(operator, {
      endpointId: EP,
      kind: "config",
      name,
      value: "listen 8080\n",
      labels: { app: "web" },
    });
    const config = await waitFor("the config in the store", () =>
      listSwarm(admin, EP, "configs").find((c) => c.name === name),
    );
    expect(await docker("config", "inspect", name, "--format", '{{printf "%s" .Spec.Data}}')).toBe("listen 8080");
    expect(JSON.parse(await docker("config", "inspect", name, "--format", "{{json .Spec.Labels}}"))).toEqual({
      app: "web",
    });
    const svc = `${PREFIX}-csvc`;
    await createService(operator, {
      endpointId: EP,
      service: serviceForm.parse({
        name: svc,
        image: IMAGE,
        command: ["sleep", "3600"],
        replicas: 0,
        endpointMode: "dnsrr",
        configs: [{ name, target: "/etc/app.conf" }],
      }),
    });
    expect(
      JSON.parse(
        await docker("service", "inspect", svc, "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Configs}}"),
      ),
    ).toEqual([
      expect.objectContaining({ ConfigName: name, File: expect.objectContaining({ Name: "/etc/app.conf" }) }),
    ]);
    expect((await swarmObjectUsage(admin, EP)).configs[config.id]).toEqual([svc]);
    await expect(removeSwarmObject(operator, { endpointId: EP, kind: "config", id: name })).rejects.toThrow(/in use/);
    await docker("service", "rm", svc);
    await waitFor("the service gone", () => !listSwarm(admin, EP, "services").some((s) => s.name === svc));
    await removeSwarmObject(operator, { endpointId: EP, kind: "config", id: name });
    expect(await docker("config", "ls", "--format", "{{.Name}}")).not.toContain(name);
    expect((await listAudit(rt.db, { action: "swarm.config.remove", limit: 1 }))[0]?.outcome).toBe("success");
  });
});

describe("nodes", () => {
  it("admins edit labels (a redacted value saved unchanged stays real); operators may not; a live node is not removed", async () => {
    await expect(updateNode(operator, { endpointId: EP, nodeId: WORKER, labels: { zone: "a" } })).rejects.toThrow();
    await updateNode(admin, { endpointId: EP, nodeId: WORKER, labels: { zone: "a", api_token: "real-token" } });
    const node = await waitFor("the labels in the store", () =>
      listSwarm(admin, EP, "nodes").find((n) => n.hostname === WORKER && n.labels.zone === "a"),
    );
    expect(node.labels.api_token).toBe(REDACTED);
    // The labels dialog shows what the store has: saving it as shown must not overwrite the token with the mask.
    await updateNode(admin, { endpointId: EP, nodeId: WORKER, labels: { ...node.labels, zone: "b" } });
    const labels = JSON.parse(await docker("node", "inspect", WORKER, "--format", "{{json .Spec.Labels}}"));
    expect(labels).toEqual({ zone: "b", api_token: "real-token" });
    await expect(removeNode(admin, { endpointId: EP, nodeId: WORKER })).rejects.toThrow(/only a down node/);
  });

  it("a node that left is shown down and admins remove it; the worker then rejoins", async () => {
    const token = await docker("swarm", "join-token", "-q", "worker");
    await dockerOn(LEAVER_HOST, "swarm", "leave");
    try {
      await waitFor(
        "the node down in the store",
        () => listSwarm(admin, EP, "nodes").find((n) => n.hostname === LEAVER && n.state === "down"),
        60_000,
      );
      await expect(removeNode(operator, { endpointId: EP, nodeId: LEAVER })).rejects.toThrow();
      await removeNode(admin, { endpointId: EP, nodeId: LEAVER });
      expect((await docker("node", "ls", "--format", "{{.Hostname}}")).split("\n")).not.toContain(LEAVER);
      await waitFor(
        "the node gone from the store",
        () => !listSwarm(admin, EP, "nodes").some((n) => n.hostname === LEAVER),
      );
      expect((await listAudit(rt.db, { action: "swarm.node.remove", limit: 1 }))[0]).toMatchObject({
        outcome: "success",
        target: LEAVER,
      });
    } finally {
      await dockerOn(
        LEAVER_HOST,
        "swarm",
        "join",
        "--token",
        token,
        "--advertise-addr",
        LEAVER_ADDR,
        `${MANAGER_ADDR}:2377`,
      );
      await waitFor(
        "the worker back and ready",
        () => listSwarm(admin, EP, "nodes").some((n) => n.hostname === LEAVER && n.state === "ready"),
        60_000,
      );
    }
  });
});
