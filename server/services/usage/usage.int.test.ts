import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countUsagePoints } from "@/db/usage-queries";
import type { Actor } from "@/lib/domain";
import { usageCsv } from "@/lib/usage-history";
import { loadConfig } from "@/server/config";
import { statsConsumers } from "@/server/hub/container-hubs";
import { createRuntime, type Runtime } from "@/server/runtime";
import { getUsage, setUsageHistory } from "./get-usage";
import { startUsageRecorder } from "./usage-recorder";

// Usage history against the rig's dockerd: switched on per endpoint, it holds the shared sampler of each running
// container (no second stream), writes per-bucket points (2 s buckets here instead of 1 min), and the page's query
// groups them per endpoint and stack.

const env = process.env;
if (!env.BERTH_TEST_DOCKER_HOST || !env.BERTH_TEST_IMAGE)
  throw new Error("start the rig and source $BERTH_RIG_DIR/env");
const DOCKER_HOST = env.BERTH_TEST_DOCKER_HOST;
const IMAGE = env.BERTH_TEST_IMAGE;
const run = promisify(execFile);
const docker = async (...args: string[]) =>
  (await run("docker", ["-H", DOCKER_HOST, ...args], { env: { ...env, DOCKER_API_VERSION: "1.41" } })).stdout.trim();
const PREFIX = `berth-usage-${process.pid}-${Date.now().toString(36)}`;
const EP = "it";
const admin: Actor = { id: "admin-id", username: "admin", isAdmin: true, grants: {} };
const viewer: Actor = { id: "viewer-id", username: "viewer", isAdmin: false, grants: { [EP]: "viewer" } };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-usage-"));
let rt: Runtime;
let recorder: { stop(): Promise<void> };

async function waitFor<T>(what: string, probe: () => T | Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: tmp, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "test" }),
  );
  rt.endpoints.add({ id: EP, name: "it", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() });
  await waitFor("endpoint up", () => rt.endpoints.view(EP)?.health.state === "up");
  recorder = startUsageRecorder(rt, { minuteMs: 2_000 });
});

afterAll(async () => {
  const ids = (await docker("ps", "-aq", "--filter", `name=${PREFIX}`)).split("\n").filter(Boolean);
  if (ids.length) await docker("rm", "-f", ...ids);
  await recorder?.stop();
  rt?.endpoints.stopAll();
  await rt?.db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("usage history", () => {
  it("records only where switched on, through the shared samplers, and groups per endpoint and stack", async () => {
    const busy = `${PREFIX}-busy`;
    const idle = `${PREFIX}-idle`;
    const busyId = await docker(
      "run",
      "-d",
      "--init",
      "--name",
      busy,
      "--label",
      `com.docker.compose.project=${PREFIX}-shop`,
      IMAGE,
      "sh",
      "-c",
      "while :; do :; done",
    );
    const idleId = await docker("run", "-d", "--init", "--name", idle, IMAGE, "sleep", "3600");
    await waitFor("listed", () => rt.endpoints.session(EP)?.store("containers")?.has(idleId));
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await countUsagePoints(rt.db)).toBe(0);
    expect(statsConsumers(EP, busyId)).toBe(0);

    await expect(setUsageHistory(viewer, { endpointId: EP, enabled: true })).rejects.toThrow();
    expect(await setUsageHistory(admin, { endpointId: EP, enabled: true })).toEqual({ enabled: [EP] });
    // One consumer of the one sampler per running container: the recorder's.
    await waitFor("sampled", () => statsConsumers(EP, busyId) === 1 && statsConsumers(EP, idleId) === 1);
    await waitFor("points written", async () => (await countUsagePoints(rt.db)) >= 4, 40_000);

    const stacks = await getUsage(viewer, { group: "stack", range: "1h", endpointId: EP });
    const shop = stacks.series.find((s) => s.label === `${PREFIX}-shop on it`);
    expect(shop).toBeDefined();
    expect(Math.max(...shop!.cpu.map((v) => v ?? 0))).toBeGreaterThan(10);
    expect(Math.max(...shop!.mem.map((v) => v ?? 0))).toBeGreaterThan(0);
    const byEndpoint = await getUsage(admin, { group: "endpoint", range: "1h" });
    expect(byEndpoint.series.map((s) => s.label)).toContain("it");
    expect(byEndpoint.enabled).toEqual([EP]);
    const csv = usageCsv(stacks);
    expect(csv.startsWith("time,stack,cpu_percent,memory_bytes\n")).toBe(true);
    expect(csv).toMatch(new RegExp(`\\n\\S+Z,${PREFIX}-shop on it,\\d+\\.\\d\\d,\\d+\\n`));
    await expect(getUsage(viewer, { group: "team", range: "1h" })).rejects.toThrow();

    // Off again: the samplers are let go.
    await setUsageHistory(admin, { endpointId: EP, enabled: false });
    await waitFor("released", () => statsConsumers(EP, busyId) === 0 && statsConsumers(EP, idleId) === 0);
  });
});
