/**
 * Compose deploy benchmark: a 10-service stack deployed by Berth's own Compose implementation (over the Engine API,
 * in this process, the same service the UI calls) and by Debian's docker-compose 1.29 (Python), in the same run, on
 * the rig's private engine. Three phases per tool and round: a fresh `up` (networks, volume, 10 containers), an `up`
 * with nothing changed (hash comparison only), and `down -v`. Rounds alternate which tool goes first.
 *
 *   source /tmp/berth-rig/env && npx tsx bench/stack-deploy.ts        (BENCH_ROUNDS=3 by default, 1..10)
 *
 * Prints wall times side by side (median and each round). Everything it creates it removes; it never asserts.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Actor } from "@/lib/domain";
import { deployComposeInput } from "@/lib/stack-schemas";
import { loadConfig } from "@/server/config";
import { createRuntime } from "@/server/runtime";
import { awaitDeploy, startComposeDeploy } from "@/server/services/stacks/deploy-stack";
import { composeDown } from "@/server/services/stacks/stack-verbs";

const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST;
const IMAGE = process.env.BERTH_TEST_IMAGE;
if (!DOCKER_HOST || !IMAGE) throw new Error("Source the rig's env first: source $BERTH_RIG_DIR/env");
const ROUNDS = Math.min(10, Math.max(1, Number(process.env.BENCH_ROUNDS) || 3));
const run = promisify(execFile);
const toolEnv = { ...process.env, DOCKER_HOST, DOCKER_API_VERSION: "1.41" };
const admin: Actor = { id: "bench", username: "bench", isAdmin: true, grants: {} };
const EP = "bench";

const services = Array.from({ length: 10 }, (_, i) => i + 1)
  .map(
    (i) => `  s${i}:
    image: ${IMAGE}
    command: sleep 3600
    init: true
    environment: [N=${i}]
    labels: {bench: "stack-deploy"}
    networks: [front, back]${i === 1 ? "\n    volumes: [data:/data]" : "\n    depends_on: [s1]"}`,
  )
  .join("\n");
const COMPOSE = `services:\n${services}\nnetworks:\n  front: {}\n  back: {}\nvolumes:\n  data: {}\n`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-stack-"));
fs.writeFileSync(path.join(dir, "docker-compose.yml"), COMPOSE);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main() {
  const rt = await createRuntime(
    loadConfig({ BERTH_DATA_DIR: dir, NEXTAUTH_SECRET: "x", LOG_LEVEL: "silent", NODE_ENV: "production" }),
  );
  rt.endpoints.add({ id: EP, name: EP, kind: "docker", url: DOCKER_HOST!, secret: null, createdAt: Date.now() });
  const deadline = Date.now() + 30_000;
  while (rt.endpoints.view(EP)?.health.state !== "up") {
    if (Date.now() > deadline) throw new Error("engine not up");
    await new Promise((r) => setTimeout(r, 50));
  }
  const project = `benchstk${process.pid}`;
  const berthUp = async () => {
    const s = await startComposeDeploy(
      admin,
      deployComposeInput.parse({ endpointId: EP, stack: project, compose: COMPOSE, workingDir: dir }),
    );
    const job = await awaitDeploy(s.jobId);
    if (job?.state !== "done") throw new Error(`Berth deploy failed: ${job?.error}`);
  };
  const tools = {
    berth: {
      up: berthUp,
      again: berthUp,
      down: () => composeDown(admin, { endpointId: EP, stack: project, removeVolumes: true }),
    },
    "docker-compose": {
      up: () => run("docker-compose", ["--no-ansi", "-p", project, "up", "-d"], { cwd: dir, env: toolEnv }),
      again: () => run("docker-compose", ["--no-ansi", "-p", project, "up", "-d"], { cwd: dir, env: toolEnv }),
      down: () => run("docker-compose", ["--no-ansi", "-p", project, "down", "-v"], { cwd: dir, env: toolEnv }),
    },
  } as const;
  type Tool = keyof typeof tools;
  const results: Record<Tool, Record<"up" | "again" | "down", number[]>> = {
    berth: { up: [], again: [], down: [] },
    "docker-compose": { up: [], again: [], down: [] },
  };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const order: Tool[] = r % 2 === 0 ? ["berth", "docker-compose"] : ["docker-compose", "berth"];
      for (const tool of order) {
        for (const phase of ["up", "again", "down"] as const)
          results[tool][phase].push(await timed(tools[tool][phase]));
      }
    }
  } finally {
    await run("docker-compose", ["--no-ansi", "-p", project, "down", "-v"], { cwd: dir, env: toolEnv }).catch(() => {});
    rt.endpoints.stopAll();
    await rt.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (xs: number[]) =>
    `${(median(xs) / 1000).toFixed(2)} s  [${xs.map((x) => (x / 1000).toFixed(2)).join(", ")}]`;
  console.log(`10-service stack (2 networks, 1 volume), ${ROUNDS} round(s), median [each round]`);
  for (const [phase, label] of [
    ["up", "fresh up"],
    ["again", "up, nothing changed"],
    ["down", "down -v"],
  ] as const) {
    console.log(
      `${label.padEnd(22)} Berth ${fmt(results.berth[phase])}   docker-compose ${fmt(results["docker-compose"][phase])}`,
    );
  }
  process.exit(0);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
