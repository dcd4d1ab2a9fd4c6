/**
 * All-containers view with 1,000 containers, CPU and memory columns included: render times, scroll frame times, and
 * how many `docker stats` streams Berth holds open while a browser scrolls, sorts by CPU and leaves.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/all-containers.ts
 *   BENCH_CONTAINERS=1000 BENCH_RUNNING=200 BENCH_SCROLL_STEP=120 BENCH_SCREENSHOT=/tmp/all.png
 *
 * A script, not a test. It creates BENCH_CONTAINERS labelled containers (`sleep 3600`; one running container in ten
 * a shell loop waking 5 times a second, so figures move), starts BENCH_RUNNING of them spread evenly through the
 * list, starts its own Berth (built dist/ + .next/, loopback, temp data dir) and opens /containers in Chromium. Upstream stats streams are counted from outside Berth: its unix connections to the
 * engine socket (`ss`), less those it holds with nobody watching (the events stream and idle keep-alive sockets);
 * beside them, the usage topics the page holds (from the socket frames it sends). Everything it made it removes
 * (containers by label, Berth by its pid).
 */

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { chromium, type Page } from "playwright-core";
import {
  cleanups,
  engineConnections,
  intEnv,
  loadRigEnv,
  processTree,
  runCleanups,
  signIn,
  sleep,
  startBerth,
} from "./support";

loadRigEnv();
const N = intEnv("BENCH_CONTAINERS", 1000, 10, 5000);
const RUNNING = intEnv("BENCH_RUNNING", 200, 0, N);
const STEP_PX = intEnv("BENCH_SCROLL_STEP", 120, 10, 5000);
const SOCKET = decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname);
const docker = new Docker({ socketPath: SOCKET });
const label = `berth-bench-all-${randomBytes(3).toString("hex")}`;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1) ?? Number.NaN };
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function pool<T>(items: T[], width: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function makeContainers(): Promise<void> {
  cleanups.push({
    label: "remove bench containers",
    run: async () => {
      const list = await docker.listContainers({ all: true, filters: { label: [`berth-bench=${label}`] } });
      await pool(list, 8, (c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => {}),
      );
      console.log(`removed ${list.length} bench containers`);
    },
  });
  let t0 = performance.now();
  const ids: string[] = new Array(N);
  await pool([...Array(N).keys()], 8, async (i) => {
    const c = await docker.createContainer({
      Image: process.env.BERTH_TEST_IMAGE!,
      name: `${label}-${String(i).padStart(4, "0")}`,
      // One running container in ten wakes 5 times a second, so some figures move and the page has work to do.
      Cmd:
        i % Math.round(10 * (N / Math.max(1, RUNNING))) === 0
          ? ["sh", "-c", "while :; do sleep 0.2; done"]
          : ["sleep", "3600"],
      Labels: { "berth-bench": label, "com.docker.compose.project": `proj-${i % 10}` },
      HostConfig: { Init: true, NetworkMode: "none" },
    });
    ids[i] = c.id;
  });
  console.log(`created ${N} containers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  const every = RUNNING ? N / RUNNING : Number.POSITIVE_INFINITY;
  const start = Array.from({ length: RUNNING }, (_, k) => ids[Math.floor(k * every)]!);
  await pool(start, 4, (id) => docker.getContainer(id).start());
  console.log(
    `started ${RUNNING} of them (one in ${every.toFixed(1)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

/** Usage topics the page holds right now, from the socket.io frames it sends. */
function trackUsageTopics(page: Page): Set<string> {
  const held = new Set<string>();
  // A page that goes away closes its socket, and the server drops every topic of it.
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) held.clear();
  });
  page.on("websocket", (ws) => {
    ws.on("close", () => held.clear());
    ws.on("framesent", (f) => {
      const m = /^42\d*(\[.*)$/s.exec(String(f.payload));
      if (!m) return;
      const [event, topic] = JSON.parse(m[1]!) as [string, unknown];
      if (typeof topic !== "string" || !topic.endsWith(":usage")) return;
      if (event === "subscribe") held.add(topic);
      if (event === "unsubscribe") held.delete(topic);
    });
  });
  return held;
}

/** Scrolls the table top -> bottom -> top one step per frame; frame times and long tasks, in the page. */
function scroll(page: Page) {
  return page.evaluate(async (step: number) => {
    const scroller = document.querySelector("table")!.parentElement!;
    const times: number[] = [];
    const longTasks: number[] = [];
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longTasks.push(e.duration);
    });
    obs.observe({ type: "longtask" });
    let rows = 0;
    let last = performance.now();
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    for (const dir of [1, -1]) {
      for (;;) {
        const before = scroller.scrollTop;
        scroller.scrollTop += dir * step;
        const t = await frame();
        times.push(t - last);
        last = t;
        rows = Math.max(rows, document.querySelectorAll("tbody tr th").length);
        if (scroller.scrollTop === before) break;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
    obs.disconnect();
    return { times: times.slice(1), longTasks, rows };
  }, STEP_PX);
}

/** What changes in the DOM over `seconds` with the page at rest: live figures must touch their cells only. */
function domChurn(page: Page, seconds: number) {
  return page.evaluate(async (s: number) => {
    const body = document.querySelector("tbody")!;
    const rows = new Set<Element>();
    const cells = new Set<Element>();
    let records = 0;
    const longTasks: number[] = [];
    const lt = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) longTasks.push(e.duration);
    });
    lt.observe({ type: "longtask" });
    const mo = new MutationObserver((list) => {
      for (const m of list) {
        records++;
        const el = m.target instanceof Element ? m.target : m.target.parentElement;
        const tr = el?.closest("tr");
        const td = el?.closest("td");
        if (tr) rows.add(tr);
        if (td) cells.add(td);
      }
    });
    mo.observe(body, { subtree: true, childList: true, characterData: true, attributes: true });
    await new Promise((r) => setTimeout(r, s * 1000));
    mo.disconnect();
    lt.disconnect();
    return { records, rows: rows.size, cells: cells.size, inDom: body.querySelectorAll("tr th").length, longTasks };
  }, seconds);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-all-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const before = (await docker.listContainers({ all: true })).length;
  await makeContainers();
  const total = before + N;
  const password = randomBytes(12).toString("hex");
  const { child, base } = await startBerth(tmp, password);
  const berth = processTree(child.pid!);
  const token = await signIn(base, "admin", password);
  await sleep(3_000); // the store fills; nothing watches yet
  // Keep-alive sockets of ordinary requests (pings every 2 s, inspects) come and go beside the streams: the fewest
  // of a few readings is the steady part.
  const steady = async (readings: number) => {
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < readings; i++) {
      least = Math.min(least, engineConnections(berth, SOCKET));
      if (i < readings - 1) await sleep(300);
    }
    return least;
  };
  const idleConns = await steady(20);
  console.log(`Berth pid ${child.pid}; its connections to the engine with nobody watching: ${idleConns}`);

  const browser = await chromium.launch({
    executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  cleanups.push({ label: "close the browser", run: () => browser.close() });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: base, httpOnly: true }]);
  await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  const page = await context.newPage();
  const held = trackUsageTopics(page);
  const table: [string, number, number][] = [];
  const note = async (what: string) => {
    // Keep-alive sockets of a burst of requests (the 30 s re-list) live about 5 s: read over 6 s.
    table.push([what, held.size, (await steady(20)) - idleConns]);
  };

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
  await sleep(3_000);
  await note("at rest, top of the list, sorted by name");
  const rest = await domChurn(page, 6);
  console.log(
    `6 s at rest with live figures: ${rest.records} DOM mutations in ${rest.cells} cells of ${rest.rows} rows ` +
      `(${rest.inDom} rows in the DOM); long tasks: ${rest.longTasks.length}`,
  );

  // Scroll while counting streams from outside every 250 ms.
  const during = async (what: string, run: () => Promise<unknown>) => {
    const seen: [number, number][] = [];
    let done = false;
    const sampler = (async () => {
      while (!done) {
        seen.push([held.size, engineConnections(berth, SOCKET) - idleConns]);
        await sleep(250);
      }
    })();
    const result = await run();
    done = true;
    await sampler;
    const maxOf = (i: 0 | 1) => Math.max(...seen.map((s) => s[i]));
    table.push([`${what} (max of ${seen.length} readings)`, maxOf(0), maxOf(1)]);
    return result;
  };
  const scrolled = (await during("while scrolling, sorted by name", () => scroll(page))) as Awaited<
    ReturnType<typeof scroll>
  >;
  const report = (what: string, r: Awaited<ReturnType<typeof scroll>>) => {
    const f = stats(r.times);
    const lt = stats(r.longTasks);
    console.log(
      `${what}: ${STEP_PX}px/frame over ${total} rows, ${f.n} frames: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, ` +
        `p99 ${ms(f.p99)}, max ${ms(f.max)}, frames > 50 ms: ${r.times.filter((x) => x > 50).length}; ` +
        `most rows in DOM ${r.rows}; long tasks ${r.longTasks.length}` +
        (r.longTasks.length ? ` (max ${ms(lt.max)})` : "") +
        `; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  };
  report("scroll, sorted by name", scrolled);
  await sleep(2_000);
  await note("2 s after the scroll, back at the top");

  const cpu = page.getByRole("columnheader", { name: "CPU", exact: true });
  if ((await cpu.count()) === 0) {
    // A build from before the usage columns: its scroll figures are the baseline to compare with.
    console.log("no CPU column in this build: the usage phases are skipped");
    return;
  }
  await cpu.getByRole("button").click();
  await page.getByText(/^Sorted by CPU/).waitFor();
  console.log(`sort note: "${await page.getByText(/^Sorted by CPU/).innerText()}"`);
  await during("first 6 s sorted by CPU", () => sleep(6_000));
  await note("sorted by CPU, at rest");
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
  const resorting = await domChurn(page, 6);
  console.log(
    `6 s sorted by CPU (re-sorted every 2 s): ${resorting.records} DOM mutations in ${resorting.rows} rows; ` +
      `long tasks ${resorting.longTasks.length}` +
      (resorting.longTasks.length ? ` (max ${ms(Math.max(...resorting.longTasks))})` : ""),
  );
  report(
    "scroll, sorted by CPU",
    (await during("while scrolling, sorted by CPU", () => scroll(page))) as Awaited<ReturnType<typeof scroll>>,
  );

  await page.getByRole("columnheader", { name: "Name", exact: true }).getByRole("button").click();
  await sleep(3_000);
  await note("3 s after going back to the name sort");
  await page.goto(`${base}/`);
  await sleep(3_000);
  await note("3 s after leaving the page");

  console.log(
    `\nUpstream streams: Berth's connections to the engine less the ${idleConns} it holds with nobody watching ` +
      "(at rest: the fewest of 20 readings over 6 s; while moving: the most of all readings, which can include a " +
      `keep-alive socket or two); ${RUNNING} of ${N} containers running; usage topics: what the page subscribed`,
  );
  console.log("moment".padEnd(58), "usage topics".padStart(13), "streams".padStart(8));
  for (const [what, topics, s] of table)
    console.log(what.padEnd(58), String(topics).padStart(13), String(s).padStart(8));
  console.log(`machine load average at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
