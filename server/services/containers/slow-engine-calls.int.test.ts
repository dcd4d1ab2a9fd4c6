import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { loadConfig } from "@/server/config";
import { createRuntime, type Runtime } from "@/server/runtime";
import { restartContainer } from "./restart-container";
import { stopContainer } from "./stop-container";

// Engine calls that legitimately take long must wait for the engine's own answer. A container whose PID 1 ignores
// SIGTERM (busybox `sleep` as PID 1 has no handler) makes the engine wait out the whole 10 s grace period before it
// answers a stop; Berth used to give up after 5 s and report "Connection lost" although the stop worked.

const env = process.env;
const missing = ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE"].filter((k) => !env[k]);
if (missing.length) throw new Error(`${missing.join(", ")} not set: start the rig and source $BERTH_RIG_DIR/env`);
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST!;
const IMAGE = env.BERTH_TEST_IMAGE!;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (
    await run("docker", ["-H", DOCKER_HOST, ...args], {
      env: { ...env, DOCKER_API_VERSION: env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    })
  ).stdout.trim();
const PREFIX = `berth-grace-${process.pid}-${Date.now().toString(36)}`;
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-grace-"));
let rt: Runtime;

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const state = async (name: string) =>
  JSON.parse(await docker("inspect", "-f", "{{json .State}}", name)) as {
    Status: string;
    ExitCode: number;
    StartedAt: string;
  };
const lastAudit = async (action: string, target: string) =>
  (await listAudit(rt.db, { action, limit: 20 })).find((r) => r.target === target);

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
});

afterAll(async () => {
  const ids = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (ids.length) await docker("rm", "-f", "-v", ...ids);
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("calls the engine answers only when done", () => {
  it("stops a container that ignores SIGTERM with the default 10 s grace: success, audited as success", async () => {
    const name = `${PREFIX}-stubborn`;
    // No --init: `sleep` is PID 1 and the kernel drops SIGTERM for it, so only the SIGKILL after the grace ends it.
    await docker("run", "-d", "--name", name, IMAGE, "sleep", "3600");
    await stopContainer(admin, { endpointId: EP, containerId: name });
    // The CLI agrees: it exited, killed (137) once the grace period ran out.
    expect(await state(name)).toMatchObject({ Status: "exited", ExitCode: 137 });
    expect(await lastAudit("container.stop", name)).toMatchObject({ outcome: "success" });
  });

  it("restarts one: success, running again with a new start time", async () => {
    const name = `${PREFIX}-restart`;
    await docker("run", "-d", "--name", name, IMAGE, "sleep", "3600");
    const before = await state(name);
    await restartContainer(admin, { endpointId: EP, containerId: name });
    const after = await state(name);
    expect(after.Status).toBe("running");
    expect(after.StartedAt).not.toBe(before.StartedAt);
    expect(await lastAudit("container.restart", name)).toMatchObject({ outcome: "success" });
  });

  it("honours a container's own longer grace period (--stop-timeout 45) instead of the default one's budget", async () => {
    const name = `${PREFIX}-long-grace`;
    // 45 s is past what a 10 s grace is given (10 s + 30 s margin): the budget must come from the container.
    await docker("run", "-d", "--stop-timeout", "45", "--name", name, IMAGE, "sleep", "3600");
    await expect(stopContainer(admin, { endpointId: EP, containerId: name })).resolves.toBeUndefined();
    expect(await state(name)).toMatchObject({ Status: "exited", ExitCode: 137 });
    expect(await lastAudit("container.stop", name)).toMatchObject({ outcome: "success" });
  }, 120_000);
});
