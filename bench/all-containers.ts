/**
 * All-containers view with 1,000 containers: time to first render and scroll frame times in a real Chromium.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/all-containers.ts
 *
 * A script, not a test. It starts its own Berth (built dist/ + .next/, loopback, temp data dir, admin from env)
 * against the rig's main engine, creates BENCH_CONTAINERS (default 1,000) labelled containers with `create` (not
 * started), opens /containers in Chromium and prints: navigation timings (TTFB, first contentful paint, DOM ready,
 * load), the time until the live store has all of them (the "N of M containers" line), how many rows the
 * virtualized table keeps in the DOM, and frame times while scrolling top -> bottom -> top one step per frame.
 * Everything it made it removes (containers by label, Berth by its pid).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const N = Math.min(5000, Math.max(10, Number(process.env.BENCH_CONTAINERS) || 1000));
const STEP_PX = Number(process.env.BENCH_SCROLL_STEP) || 120;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
function need(k: string): string {
  const v = process.env[k];
  if (v) return v;
  console.error(`${k} not set: source $BERTH_RIG_DIR/env`);
  process.exit(2);
}

const DOCKER_HOST = need("BERTH_TEST_DOCKER_HOST");
const IMAGE = need("BERTH_TEST_IMAGE");
const docker = new Docker({ socketPath: new URL(DOCKER_HOST).pathname });
const label = `berth-bench-all-${randomBytes(3).toString("hex")}`;
let berth: ChildProcess | null = null;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1) ?? Number.NaN };
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function createContainers(): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < N) {
      const i = next++;
      await docker.createContainer({
        Image: IMAGE,
        name: `${label}-${String(i).padStart(4, "0")}`,
        Cmd: ["true"],
        Labels: { "berth-bench": label, "com.docker.compose.project": `proj-${i % 10}` },
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return performance.now() - t0;
}

async function cleanup(): Promise<void> {
  if (berth && berth.exitCode === null) {
    berth.kill("SIGTERM");
    await Promise.race([new Promise((r) => berth!.once("exit", r)), sleep(6000)]);
  }
  const list = await docker.listContainers({ all: true, filters: { label: [`berth-bench=${label}`] } });
  let next = 0;
  const worker = async () => {
    while (next < list.length)
      await docker
        .getContainer(list[next++]!.Id)
        .remove({ force: true })
        .catch(() => {});
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(`removed ${list.length} bench containers`);
}

async function startBerth(port: number, password: string): Promise<string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-all-"));
  const log = path.join(tmp, "berth.log");
  const env = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, {
    NODE_ENV: "production",
    BERTH_SKIP_BUILD: "1",
    BERTH_DATA_DIR: path.join(tmp, "data"),
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    DOCKER_HOST,
    BERTH_ADMIN_USERNAME: "admin",
    BERTH_ADMIN_PASSWORD: password,
    LOG_LEVEL: "warn",
  });
  const fd = fs.openSync(log, "a");
  berth = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (berth.exitCode !== null) throw new Error(`Berth exited; log: ${log}`);
    if (
      await fetch(`${base}/api/auth/csrf`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return base;
  }
  throw new Error(`Berth did not start; log: ${log}`);
}

async function signIn(base: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ username: "admin", password, csrfToken, json: "true" }),
  });
  const c = res.headers.getSetCookie().find((x) => x.startsWith("next-auth.session-token="));
  if (!c) throw new Error("sign-in failed");
  return c.split(";")[0]!.slice("next-auth.session-token=".length);
}

async function main(): Promise<void> {
  for (const f of ["dist/server.mjs", ".next/BUILD_ID"])
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} missing: npm run build first`);
  const before = (await docker.listContainers({ all: true })).length;
  console.log(`creating ${N} containers (docker create, not started) ...`);
  console.log(`  created in ${(await createContainers()) / 1000} s`);
  const total = before + N;
  const password = randomBytes(12).toString("hex");
  const base = await startBerth(await freePort(), password);
  const token = await signIn(base, password);
  const browser = await chromium.launch({
    executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: "next-auth.session-token", value: token, url: base, httpOnly: true }]);
    await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
    const page = await context.newPage();
    // Warm-up visit: the first request compiles nothing (production build) but fills server caches fairly.
    await page.goto(`${base}/containers`);
    await page.getByText(`${total} of ${total} containers`).waitFor({ timeout: 60_000 });
    for (let round = 1; round <= 2; round++) {
      const t0 = Date.now();
      await page.goto(`${base}/containers`, { waitUntil: "commit" });
      await page.getByRole("rowheader").first().waitFor();
      const firstRow = Date.now() - t0;
      await page.getByText(`${total} of ${total} containers`).waitFor({ timeout: 60_000 });
      const allLive = Date.now() - t0;
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN;
        return { ttfb: n.responseStart, fcp, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd };
      });
      const inDom = await page.locator("tbody tr th").count();
      console.log(
        `visit ${round}: TTFB ${ms(nav.ttfb)}, FCP ${ms(nav.fcp)}, DOM ready ${ms(nav.dom)}, load ${ms(nav.load)}; ` +
          `first row visible ${firstRow} ms, all ${total} rows in the live store ${allLive} ms; rows in DOM ${inDom}`,
      );
    }
    const {
      times: frames,
      longTasks,
      rowsRendered,
    } = await page.evaluate(async (step: number) => {
      const scroller = document.querySelector("table")!.parentElement!;
      const times: number[] = [];
      // Main-thread tasks over 50 ms while scrolling: Berth's own work, as opposed to frames lost to a busy machine.
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((l) => {
        for (const e of l.getEntries()) longTasks.push(e.duration);
      });
      obs.observe({ type: "longtask" });
      let rowsRendered = 0;
      let last = performance.now();
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      for (const dir of [1, -1]) {
        for (;;) {
          const before = scroller.scrollTop;
          scroller.scrollTop += dir * step;
          const t = await frame();
          times.push(t - last);
          last = t;
          rowsRendered = Math.max(rowsRendered, document.querySelectorAll("tbody tr th").length);
          if (scroller.scrollTop === before) break;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
      obs.disconnect();
      return { times: times.slice(1), longTasks, rowsRendered };
    }, STEP_PX);
    const f = stats(frames);
    const long = frames.filter((x) => x > 50).length;
    console.log(
      `scroll ${STEP_PX}px/frame over ${total} rows, ${f.n} frames: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, ` +
        `p99 ${ms(f.p99)}, max ${ms(f.max)}, frames > 50 ms: ${long}; most rows in DOM at once: ${rowsRendered}`,
    );
    const lt = stats(longTasks);
    console.log(
      `main-thread long tasks (> 50 ms) during the scroll: ${longTasks.length}, total ${ms(longTasks.reduce((a, b) => a + b, 0))}` +
        (longTasks.length ? `, max ${ms(lt.max)}` : "") +
        `; machine load average at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
    );
  } finally {
    await browser.close();
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
