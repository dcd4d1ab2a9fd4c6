import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import type { LogLine } from "@/lib/log-options";
import { REDACTED } from "@/lib/redaction";
import { type SwarmService, updateProgress } from "@/lib/swarm";
import { serviceForm } from "@/lib/swarm-schemas";
import { loadConfig } from "@/server/config";
import { LogStream } from "@/server/hub/log-stream";
import { createRuntime, type Runtime } from "@/server/runtime";
import { createService } from "./create-service";
import { deployStack } from "./deploy-stack";
import { getService } from "./get-service";
import { listSwarm } from "./list-swarm";
import { rollbackService } from "./rollback-service";
import { serviceLogOriginFor, serviceLogTarget } from "./service-logs";
import { updateService } from "./update-service";

// Swarm use cases against the rig's real three-node swarm: the container restrictions on every way a spec reaches
// the engine, redaction for viewers, service logs with their task and node, a rolling update's progress, and
// compose files that must be refused before anything is deployed.

const env = process.env;
const MANAGER = env.BERTH_TEST_SWARM_MANAGER_HOST ?? "";
const IMAGE = env.BERTH_TEST_IMAGE ?? "";
if (!MANAGER || !IMAGE) throw new Error("BERTH_TEST_SWARM_* not set: start the rig with its swarm and source its env");

const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run("docker", ["-H", MANAGER, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const PREFIX = `it-sw-${Date.now().toString(36)}`;
const EP = "swarm-it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const operator: Actor = { id: "op-id", username: "op", isAdmin: false, grants: { [EP]: "operator" } };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const stranger: Actor = { id: "other-id", username: "other", isAdmin: false, grants: { other: "operator" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-swarm-it-"));
let rt: Runtime;
let seq = 0;
const uniq = (what: string) => `${PREFIX}-${what}-${++seq}`;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 45_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A busybox service on the workers that stops at once (busybox ignores SIGTERM). */
const form = (name: string, over: Record<string, unknown> = {}) =>
  serviceForm.parse({
    name,
    image: IMAGE,
    command: ["sleep", "3600"],
    replicas: 1,
    constraints: ["node.role==worker"],
    endpointMode: "dnsrr",
    stopGraceSeconds: 1,
    ...over,
  });
const bind = { mounts: [{ type: "bind", source: "/etc", target: "/host-etc", readOnly: true }] };
const serviceNames = async () => (await docker("service", "ls", "--format", "{{.Name}}")).split("\n");
const storeService = (name: string) => listSwarm(admin, EP, "services").find((s) => s.name === name);
const running = (s: SwarmService) =>
  listSwarm(admin, EP, "tasks").filter(
    (t) => t.serviceId === s.id && t.state === "running" && t.desiredState === "running",
  );

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "swarm-it", kind: "docker", url: MANAGER, secret: null, createdAt: Date.now() });
  await waitFor("the manager's swarm", () => listSwarm(admin, EP, "nodes").length >= 3);
});

afterAll(async () => {
  const mine = (await serviceNames()).filter((n) => n.startsWith(PREFIX) || n.startsWith(PREFIX.replace(/-/g, "")));
  if (mine.length) await docker("service", "rm", ...mine).catch(() => "");
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("container restrictions for non-admins (checkServiceSpec)", () => {
  it("create, update, rollback and stack deploy are all refused for a bind mount; nothing reaches the engine", async () => {
    const refused = /Refused by container restriction/;
    const created = uniq("bind");
    await expect(createService(operator, { endpointId: EP, service: form(created, bind) })).rejects.toThrow(refused);
    expect(await serviceNames()).not.toContain(created);
    expect((await listAudit(rt.db, { action: "swarm.service.create", limit: 1 }))[0]?.outcome).toBe("denied");

    // An admin may; then an operator may not edit a bind mount in, nor roll back to the admin's bind-mount spec.
    const plain = uniq("plain");
    await createService(admin, { endpointId: EP, service: form(plain, bind) });
    await waitFor("the service in the store", () => storeService(plain));
    await updateService(admin, { endpointId: EP, serviceId: plain, service: form(plain) });
    const mounts = async () =>
      docker("service", "inspect", plain, "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}");
    expect(await mounts()).toBe("null");
    await expect(rollbackService(operator, { endpointId: EP, serviceId: plain })).rejects.toThrow(refused);
    await expect(
      updateService(operator, { endpointId: EP, serviceId: plain, service: form(plain, bind) }),
    ).rejects.toThrow(refused);
    expect(await mounts()).toBe("null");
    // Without the bind mount, the operator's edit goes through: the restriction was the only reason.
    await updateService(operator, { endpointId: EP, serviceId: plain, service: form(plain, { replicas: 0 }) });

    const stack = uniq("stk").replace(/-/g, "");
    const compose = `services:\n  web:\n    image: ${IMAGE}\n    volumes:\n      - /etc:/host-etc:ro\n`;
    await expect(deployStack(operator, { endpointId: EP, stack, compose, env: {} })).rejects.toThrow(refused);
    // A named volume whose driver options bind a host path is a bind mount in disguise.
    const disguised = [
      "services:",
      "  web:",
      `    image: ${IMAGE}`,
      "    volumes:",
      "      - data:/data",
      "volumes:",
      "  data:",
      "    driver: local",
      "    driver_opts: { type: none, o: bind, device: /etc }",
      "",
    ].join("\n");
    await expect(deployStack(operator, { endpointId: EP, stack, compose: disguised, env: {} })).rejects.toThrow(
      refused,
    );
    expect((await serviceNames()).some((n) => n.startsWith(`${stack}_`))).toBe(false);
  });
});

describe("redaction for viewers", () => {
  it("summaries carry secret-looking label values redacted for all; the detail hides env, labels, flags from viewers", async () => {
    const name = uniq("secret");
    await createService(admin, {
      endpointId: EP,
      service: form(name, {
        replicas: 0,
        labels: { "db.password": "hunter2", team: "blue" },
        env: ["API_TOKEN=s3cret-value"],
        command: ["sh", "-c", "sleep 3600 # --password=pw-in-flag"],
      }),
    });
    const summary = await waitFor("the service in the store", () => storeService(name));
    expect(summary.labels).toEqual({ "db.password": REDACTED, team: "blue" });
    const seen = JSON.stringify(await getService(viewer, EP, name));
    for (const secret of ["hunter2", "s3cret-value", "pw-in-flag"]) expect(seen).not.toContain(secret);
    expect(seen).toContain("API_TOKEN=");
    const forOperator = JSON.stringify(await getService(operator, EP, name));
    for (const secret of ["hunter2", "s3cret-value", "pw-in-flag"]) expect(forOperator).toContain(secret);
  });
});

describe("service logs", () => {
  it("every task's lines, each with its task and node; one task's lines only its own", async () => {
    const name = uniq("logs");
    await createService(admin, {
      endpointId: EP,
      service: form(name, {
        replicas: 2,
        command: ["sh", "-c", 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.3; done'],
      }),
    });
    const svc = await waitFor("the service", () => storeService(name));
    const tasks = await waitFor("two running tasks", () => (running(svc).length === 2 ? running(svc) : null));
    expect(() => serviceLogTarget(stranger, EP, name, "all")).toThrow();
    expect(serviceLogTarget(viewer, EP, name, "all")).toEqual({ serviceId: svc.id });

    const follow = (task: string, timestamps: boolean) => {
      const lines: LogLine[] = [];
      const origin = serviceLogOriginFor(EP, name, task);
      if (!origin) throw new Error("no origin");
      const stream = new LogStream(
        rt.endpoints.session(EP)!,
        svc.id,
        { tail: "all", since: "all", timestamps },
        { batch: (l) => lines.push(...l), state: () => {} },
        origin,
      );
      stream.start();
      return { lines, stream };
    };
    const all = follow("all", true);
    const nodeOf = new Map(tasks.map((t) => [t.id, t.nodeId]));
    await waitFor("lines of both tasks", () => new Set(all.lines.map((l) => l.task)).size >= 2);
    for (const l of all.lines.slice(0, 20)) {
      expect(l.text).toMatch(/^tick \d+$/);
      expect(l.ts).toBeTruthy();
      expect(nodeOf.has(l.task!)).toBe(true);
      expect(l.node).toBe(nodeOf.get(l.task!));
    }
    all.stream.stop();

    const one = follow(tasks[0]!.id, false);
    await waitFor("lines of one task", () => one.lines.length >= 5);
    expect(new Set(one.lines.map((l) => l.task))).toEqual(new Set([tasks[0]!.id]));
    expect(one.lines[0]?.ts).toBeUndefined();
    one.stream.stop();
  });
});

describe("a rolling update", () => {
  it("moves tasks to the new spec one by one, and the store shows each step", async () => {
    const name = uniq("roll");
    await createService(admin, {
      endpointId: EP,
      service: form(name, { replicas: 3, update: { parallelism: 1, delaySeconds: 2, monitorSeconds: 1 } }),
    });
    let svc = await waitFor("the service", () => storeService(name));
    await waitFor("three running tasks", () => running(svc).length === 3);
    const before = updateProgress(svc, listSwarm(admin, EP, "tasks"));
    expect(before.updated).toBe(3);

    await updateService(admin, {
      endpointId: EP,
      serviceId: name,
      service: form(name, {
        replicas: 3,
        env: ["WAVE=2"],
        update: { parallelism: 1, delaySeconds: 2, monitorSeconds: 1 },
      }),
    });
    const seen = new Set<number>();
    await waitFor(
      "every task on the new spec",
      () => {
        svc = storeService(name)!;
        const p = updateProgress(svc, listSwarm(admin, EP, "tasks"));
        if (p.updated < 3) seen.add(p.updated);
        return p.updated === 3 && svc.updateStatus?.state === "completed";
      },
      90_000,
    );
    // Some moment with part of the tasks updated was seen: the progress moved task by task, not all at once.
    expect([...seen].some((n) => n === 1 || n === 2)).toBe(true);
    const ids = await docker("service", "ps", name, "--filter", "desired-state=running", "--format", "{{.ID}}");
    expect(ids.split("\n")).toHaveLength(3);
  });
});

describe("compose files that must not deploy", () => {
  const refusedWithLine = async (compose: string, line: RegExp) => {
    const stack = uniq("bad").replace(/-/g, "");
    const err = await deployStack(admin, { endpointId: EP, stack, compose, env: {} }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(line);
    expect((err as { status?: number }).status).toBe(400);
    expect((await serviceNames()).some((n) => n.startsWith(`${stack}_`))).toBe(false);
    expect(await docker("stack", "ls", "--format", "{{.Name}}")).not.toContain(stack);
  };

  it("unknown keys, wrong types and YAML bombs are refused naming the line", async () => {
    await refusedWithLine(
      `services:\n  web:\n    image: ${IMAGE}\n    replicas: 2\n`,
      /^line 4: .*Unknown key "replicas"/,
    );
    await refusedWithLine(
      `services:\n  web:\n    image: ${IMAGE}\n    deploy:\n      replicas: lots\n`,
      /^line 5: services\.web\.deploy\.replicas/,
    );
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [i, n] of ["b", "c", "d", "e", "f", "g", "h"].entries()) {
      bomb.push(
        `${n}: &${n} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(",")}]`,
      );
    }
    await refusedWithLine(
      `${bomb.join("\n")}\nservices:\n  web:\n    image: ${IMAGE}\n`,
      /^line 2: YAML aliases expand/,
    );
    // Two services, the second broken: not even the first is deployed.
    await refusedWithLine(
      `services:\n  ok:\n    image: ${IMAGE}\n  broken:\n    image: ${IMAGE}\n    ports: "eighty"\n`,
      /^line 6: services\.broken\.ports/,
    );
  });
});
