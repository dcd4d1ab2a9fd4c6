/**
 * Logs benchmark: one container writing 10k lines/s for BENCH_SECONDS (default 60) with 5 viewers, by default 5 real
 * Chromium pages on the Logs tab (frame times from requestAnimationFrame, per page), optionally plus socket.io viewers
 * of the same topic; Berth's RSS sampled over time. Prints the lines each viewer got, the RSS curve and frame times.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/logs.ts
 *   BENCH_SECONDS=60 BENCH_BROWSERS=5 BENCH_SOCKET_VIEWERS=0
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { chromium } from "playwright-core";
import {
  cleanups,
  cpuMeter,
  intEnv,
  loadRigEnv,
  rssMiB,
  runCleanups,
  signIn,
  sleep,
  startBerth,
  subscribe,
  viewer,
} from "./support";

loadRigEnv();
const SECONDS = intEnv("BENCH_SECONDS", 60, 10, 300);
const BROWSERS = intEnv("BENCH_BROWSERS", 5, 1, 10);
const SOCKET_VIEWERS = intEnv("BENCH_SOCKET_VIEWERS", 0, 0, 20);
const IMAGE = process.env.BERTH_TEST_IMAGE!;
const docker = new Docker({ socketPath: decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname) });
// Time for every viewer to attach before the flood starts (a Chromium page takes a few seconds on a busy machine).
const WARMUP_S = 10 + 5 * BROWSERS;

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-logs-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const password = randomBytes(12).toString("base64url");
  const { child, base } = await startBerth(tmp, password);
  const pid = child.pid!;
  const token = await signIn(base, "admin", password);

  // 10 chunks of 1000 lines spread over each wall-clock second, then wait for the next second: 10k lines/s unless
  // the machine cannot keep up (the written count below says what it really was). Starts after a pause so every
  // viewer is attached before the flood.
  // Lines are numbered, so the last one a viewer shows tells whether it got them all.
  const chunk = "seq $((n+1)) $((n+1000)) | sed 's/.*/line & of a chatty container/'; n=$((n+1000))";
  const second = `i=0; while [ $i -lt 10 ]; do ${chunk}; i=$((i+1)); usleep 70000; done`;
  const script = `sleep ${WARMUP_S}; n=0; end=$(($(date +%s)+${SECONDS})); while :; do s=$(date +%s); [ $s -ge $end ] && break; ${second}; while [ $(date +%s) -eq $s ]; do usleep 5000; done; done; echo DONE; sleep 3600`;
  const c = await docker.createContainer({
    name: `bench-logs-${process.pid}`,
    Image: IMAGE,
    Cmd: ["sh", "-c", script],
    HostConfig: { Init: true },
  });
  cleanups.push({ label: "remove bench container", run: () => c.remove({ force: true }).catch(() => {}) });
  await c.start();
  const startedAt = Date.now();
  await sleep(2_500); // Berth's store sees the container

  const topic = `endpoint:local:container:${c.id}:logs:500:all:0`;
  const counts: number[] = [];
  const sockets = await Promise.all(Array.from({ length: SOCKET_VIEWERS }, () => viewer(base, token)));
  sockets.forEach((s, i) => {
    counts[i] = 0;
    s.on("logs", (m: { topic: string; lines: unknown[] }) => {
      if (m.topic === topic) counts[i]! += m.lines.length;
    });
  });
  for (const s of sockets) await subscribe(s, topic);

  const browser = await chromium.launch({
    executablePath: process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
  cleanups.push({ label: "close Chromium", run: () => browser.close() });
  const pages = [];
  for (let n = 0; n < BROWSERS; n++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: "next-auth.session-token", value: token, url: base, httpOnly: true }]);
    await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
    const page = await context.newPage();
    await page.goto(`${base}/endpoints/local/containers/${c.id}#logs`);
    await page.getByRole("tab", { name: "Logs", exact: true }).click();
    await page.getByText(/^Live · /).waitFor({ timeout: 30_000 });
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[] };
      w.__frames = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    pages.push(page);
  }

  console.log(
    `Berth pid ${pid}; flood starts in ~${Math.max(0, WARMUP_S - (Date.now() - startedAt) / 1000).toFixed(0)} s and lasts ${SECONDS} s`,
  );
  const rss: [number, number][] = [];
  const t0 = Date.now();
  const cpu = cpuMeter([pid]);
  const total = WARMUP_S - (t0 - startedAt) / 1000 + SECONDS + 5;
  while ((Date.now() - t0) / 1000 < total) {
    rss.push([(Date.now() - t0) / 1000, rssMiB(pid)]);
    await sleep(2_000);
  }
  const berthCpu = cpu();
  const perPage: { frames: number[]; last: number; shown: string }[] = [];
  for (const page of pages) {
    const frames = (await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames)).slice(5);
    const last = await page.evaluate(() =>
      Math.max(0, ...[...document.body.innerText.matchAll(/line (\d+) of a chatty/g)].map((m) => Number(m[1]))),
    );
    perPage.push({ frames, last, shown: await page.getByText(/^Live · \d+ lines/).innerText() });
  }
  const logs = await c.logs({ stdout: true, stderr: true, tail: "all" } as never);
  const written = ((logs as unknown as Buffer).toString("latin1").match(/chatty container/g) ?? []).length;

  console.log(`\nlines written by the container: ${written} (${(written / SECONDS).toFixed(0)}/s over ${SECONDS} s)`);
  console.log(`lines received per socket viewer: ${counts.join(", ")}`);
  for (const [i, p] of perPage.entries())
    console.log(`browser viewer ${i + 1}: "${p.shown}" (keeps the newest 100000), last line shown: ${p.last}`);
  console.log(`Berth CPU over the run: ${berthCpu.percent.toFixed(1)} % of one core`);
  console.log("\nBerth RSS (MiB) over time:");
  for (const [t, m] of rss.filter((_, i) => i % 3 === 0))
    console.log(`  t=${t.toFixed(0).padStart(3)} s  ${m.toFixed(1)}`);
  console.log(`  max ${Math.max(...rss.map((r) => r[1])).toFixed(1)} MiB, last ${rss.at(-1)?.[1].toFixed(1)} MiB`);
  console.log("\nbrowser frame times (requestAnimationFrame intervals during the whole run):");
  for (const [i, p] of perPage.entries()) {
    const sorted = [...p.frames].sort((a, b) => a - b);
    console.log(
      `  page ${i + 1}: ${p.frames.length} frames, p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, p99 ${pct(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; frames > 50 ms: ${p.frames.filter((f) => f > 50).length}`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
