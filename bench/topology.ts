/**
 * Topology benchmark: layout time and frame rate of the topology graph at 100, 500 and 1,000 nodes in Chromium, and
 * the time from `docker network connect` to the edge appearing in the browser.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/topology.ts
 *
 * A script, not a test. It starts its own Berth (built dist/ + .next/, loopback, temp data dir, BERTH_TOPOLOGY_BENCH=1
 * so the synthetic-graph page /topology/bench exists) against the rig's private engine, signs in a real Chromium and:
 *   (a) per size: opens /topology/bench?nodes=N (made-up graphs through the real graph and table components) and
 *       reads the layout time (page -> worker -> page, ELK included) and the time until every node is in the DOM;
 *       then drags the canvas for 3 s with the mouse and counts animation frames;
 *   (b) opens /endpoints/local/topology, then BENCH_RUNS times (default 20): `POST /networks/{id}/connect` through the
 *       Engine API and times until the edge with that accessible name is in the page (MutationObserver), then
 *       disconnects and waits for the edge to go. Clock: this process and the page share the machine's clock.
 * Everything it starts it stops: Berth by pid, its containers and network by id.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { chromium, type Page } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Math.min(100, Math.max(5, Number(process.env.BENCH_RUNS) || 20));
const SIZES = [100, 500, 1000];
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const cleanups: (() => Promise<void> | void)[] = [];

function loadRigEnv(): void {
  if (process.env.BERTH_TEST_DOCKER_HOST) return;
  const file = path.join(process.env.BERTH_RIG_DIR || "/tmp/berth-rig", "env");
  for (const line of fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n") : []) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!;
  }
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1] ?? Number.NaN;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startBerth(dockerHost: string, password: string): Promise<{ base: string; child: ChildProcess }> {
  for (const f of ["dist/server.mjs", ".next/BUILD_ID"])
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-topology-"));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "NODE_OPTIONS"]) delete env[k];
  Object.assign(env, {
    NODE_ENV: "production",
    BERTH_SKIP_BUILD: "1",
    BERTH_DATA_DIR: path.join(tmp, "data"),
    BERTH_TOPOLOGY_BENCH: "1",
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: base,
    DOCKER_HOST: dockerHost,
    BERTH_ADMIN_USERNAME: "admin",
    BERTH_ADMIN_PASSWORD: password,
    LOG_LEVEL: "warn",
  });
  const log = fs.openSync(path.join(tmp, "berth.log"), "a");
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", log, log] });
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(6_000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Berth exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/auth/csrf`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { base, child };
    await sleep(200);
  }
  throw new Error("Berth did not answer within 60 s");
}

/** Layout time, time to all nodes in the DOM, and frames while dragging the canvas. */
async function measureSize(page: Page, base: string, n: number) {
  const t0 = now();
  await page.goto(`${base}/topology/bench?nodes=${n}`);
  const layoutMs = await page
    .locator("[data-layout-ms]")
    .first()
    .getAttribute("data-layout-ms", { timeout: 60_000 })
    .then(Number);
  const leaves = await page.evaluate(() => document.querySelector("[data-layout-ms]")?.textContent ?? "");
  const count = Number(/^(\d+) nodes/.exec(leaves)?.[1] ?? 0);
  await page.waitForFunction((want) => document.querySelectorAll(".react-flow__node-leaf").length >= want, count, {
    timeout: 60_000,
    polling: "raf",
  });
  const renderedAt = now();
  const firstWorkerMs = Number(await page.locator("[data-layout-ms]").first().getAttribute("data-layout-worker-ms"));
  // Steady state: lay the same graph out again ("Re-arrange"), with the worker and ELK already warm.
  const status = page.locator("[data-layout-generation]").first();
  const generation = Number(await status.getAttribute("data-layout-generation"));
  await page.getByRole("button", { name: "Re-arrange" }).click();
  await page.waitForFunction(
    (g) => Number(document.querySelector("[data-layout-generation]")?.getAttribute("data-layout-generation")) > g,
    generation,
    { timeout: 60_000 },
  );
  const relayoutMs = Number(await status.getAttribute("data-layout-ms"));
  const relayoutWorkerMs = Number(await status.getAttribute("data-layout-worker-ms"));
  // Frames while the user drags the canvas: rAF ticks counted in the page during 3 s of mouse drags.
  const pane = page.locator(".react-flow__pane");
  const box = (await pane.boundingBox())!;
  // Strings, not functions: tsx would wrap named inner functions in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    requestAnimationFrame(function tick() {
      if (!window.__counting) return;
      window.__frames++;
      requestAnimationFrame(tick);
    });
  })()`);
  const start = now();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  let i = 0;
  while (now() - start < 3_000) {
    const a = (i++ / 30) * Math.PI * 2;
    await page.mouse.move(cx + Math.cos(a) * 150, cy + Math.sin(a) * 100);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  const seconds = (now() - start) / 1000;
  return {
    n,
    nodes: count,
    layoutMs,
    firstWorkerMs,
    relayoutMs,
    relayoutWorkerMs,
    domMs: renderedAt - t0,
    fps: frames / seconds,
    moves: i,
  };
}

async function measureConnect(page: Page, base: string, docker: Docker, image: string) {
  const tag = randomBytes(4).toString("hex");
  const netName = `bench-topo-${tag}`;
  const network = await docker.createNetwork({ Name: netName, Labels: { "berth.bench": "topology" } });
  cleanups.push(() => network.remove().catch(() => {}));
  const ctrName = `bench-topo-${tag}-c`;
  const ctr = await docker.createContainer({
    name: ctrName,
    Image: image,
    Cmd: ["sleep", "3600"],
    Labels: { "berth.bench": "topology" },
    HostConfig: { Init: true },
  });
  cleanups.push(() => ctr.remove({ force: true }).catch(() => {}));
  await ctr.start();
  await page.goto(`${base}/endpoints/local/topology`);
  await page.getByText("Live", { exact: true }).waitFor();
  await page.getByRole("button", { name: `Container ${ctrName}`, exact: true }).waitFor();
  const edgeName = `${ctrName} on network ${netName}`;
  const arm = (present: boolean) =>
    page.evaluate(`(() => {
      const name = ${JSON.stringify(edgeName)};
      const present = ${present};
      const found = () => !!document.querySelector('[aria-label="' + CSS.escape(name) + '"]');
      window.__edgeSeen = new Promise((resolve) => {
        if (found() === present) return resolve(performance.timeOrigin + performance.now());
        const mo = new MutationObserver(() => {
          if (found() !== present) return;
          mo.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
    })()`);
  const seen = () => page.evaluate(() => (window as unknown as { __edgeSeen: Promise<number> }).__edgeSeen);
  const appear: number[] = [];
  const vanish: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    await arm(true);
    const t0 = now();
    await network.connect({ Container: ctr.id });
    const t1 = await seen();
    await arm(false);
    const t2 = now();
    await network.disconnect({ Container: ctr.id });
    const t3 = await seen();
    if (i >= 2) {
      appear.push(t1 - t0);
      vanish.push(t3 - t2);
    }
    await sleep(100 + Math.random() * 150);
  }
  return { appear, vanish };
}

async function main(): Promise<void> {
  loadRigEnv();
  const host = process.env.BERTH_TEST_DOCKER_HOST;
  const image = process.env.BERTH_TEST_IMAGE;
  if (!host?.startsWith("unix://") || !image) throw new Error("source $BERTH_RIG_DIR/env first (private rig engine)");
  const socketPath = new URL(host).pathname;
  if (fs.realpathSync(socketPath) === "/var/run/docker.sock") throw new Error("refusing the system Docker socket");
  const docker = new Docker({ socketPath, version: "v1.41" });
  const password = randomBytes(18).toString("base64url");
  const { base } = await startBerth(host, password);
  const browser = await chromium.launch({
    executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${base}/login`);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Account menu" }).waitFor();

  console.log(`Chromium ${browser.version()}, ${os.cpus().length} cores; Berth at ${base}`);
  const rows = [];
  for (const n of SIZES) {
    await measureSize(page, base, 50); // warm the page and the worker's JIT once per size run
    rows.push(await measureSize(page, base, n));
  }
  console.log("\n== (a) Layout and rendering of synthetic graphs (/topology/bench) ==");
  const head = [
    "nodes",
    "first layout (worker boot incl.)",
    "in worker",
    "re-layout (warm)",
    "in worker",
    "all in DOM",
    "drag fps",
  ];
  console.log(head.join("  "));
  for (const r of rows) {
    const cells = [
      String(r.nodes),
      `${r.layoutMs.toFixed(0)} ms`,
      `${r.firstWorkerMs.toFixed(0)} ms`,
      `${r.relayoutMs.toFixed(0)} ms`,
      `${r.relayoutWorkerMs.toFixed(0)} ms`,
      `${r.domMs.toFixed(0)} ms`,
      r.fps.toFixed(1),
    ];
    console.log(cells.map((c, i) => c.padStart(head[i]!.length)).join("  "));
  }
  console.log(
    `(load average while measuring: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${os.cpus().length} cores)`,
  );

  const { appear, vanish } = await measureConnect(page, base, docker, image);
  console.log(`\n== (b) docker network connect -> edge in the browser (${appear.length} runs) ==`);
  const fmt = (v: number[]) =>
    `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms, max ${Math.max(...v).toFixed(1)} ms`;
  console.log(`connect    -> edge appears: ${fmt(appear)}`);
  console.log(`disconnect -> edge gone:    ${fmt(vanish)}`);
  const r500 = rows.find((r) => r.n === 500)!;
  console.log(
    `\n500 nodes laid out in under 1 s: first layout ${r500.layoutMs < 1000 ? "yes" : "NO"} (${r500.layoutMs.toFixed(0)} ms), ` +
      `warm re-layout ${r500.relayoutMs < 1000 ? "yes" : "NO"} (${r500.relayoutMs.toFixed(0)} ms)`,
  );
}

const watchdog = setTimeout(() => {
  console.error("bench: over 5 minutes, stopping");
  process.exit(2);
}, 300_000);
main()
  .catch((err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
    clearTimeout(watchdog);
    setTimeout(() => process.exit(), 200).unref();
  });
