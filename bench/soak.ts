/**
 * Soak: a built Berth under steady load for SOAK_MINUTES (default 30): SOAK_VIEWERS (default 50) signed-in socket.io
 * viewers, each subscribed to the container list, one chatty container's logs and one container's stats; container
 * churn (create, start, stop, remove one every SOAK_CHURN_MS, default 3000); a few containers writing log lines all
 * along. Every SOAK_REPORT_S (default 60) it prints Berth's RSS and event-loop delay (p50/p99/max over the interval,
 * from the server's own monitorEventLoopDelay, logged with BERTH_METRICS_INTERVAL_MS) beside the machine's load
 * average, and at the end the verdict: RSS flat after warm-up (slope over the last 10 minutes, or the last half of a
 * shorter run) and p99 under 50 ms.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npm run bench:soak
 *   SOAK_MINUTES=3 SOAK_VIEWERS=10 npm run bench:soak   # a short trial
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import type { Socket } from "socket.io-client";
import {
  cleanups,
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
const MINUTES = intEnv("SOAK_MINUTES", 30, 1, 240);
const VIEWERS = intEnv("SOAK_VIEWERS", 50, 1, 200);
const CHURN_MS = intEnv("SOAK_CHURN_MS", 3_000, 500, 60_000);
const REPORT_S = intEnv("SOAK_REPORT_S", 60, 10, 600);
const CHATTY = 3;
const IMAGE = process.env.BERTH_TEST_IMAGE!;
const docker = new Docker({ socketPath: decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname) });
const TAG = `soak-${process.pid}`;

interface Row {
  minute: number;
  rss: number;
  heap: number;
  p50: number;
  p99: number;
  max: number;
  load: string;
  received: number;
  churned: number;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}

interface Metrics {
  rssMiB: number;
  heapUsedMiB: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

/** The newest "process metrics" line of Berth's log after `offset`. */
function latestMetrics(log: string, offset: number): { metrics: Metrics | null; end: number } {
  const text = fs.readFileSync(log, "utf8").slice(offset);
  let found: Metrics | null = null;
  for (const line of text.split("\n")) {
    if (!line.includes('"process metrics"')) continue;
    try {
      found = (JSON.parse(line) as { metrics: Metrics }).metrics;
    } catch {
      // a line cut in the middle of a write
    }
  }
  return { metrics: found, end: offset + text.length };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-soak-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const password = randomBytes(12).toString("base64url");
  const { child, base } = await startBerth(tmp, password, {
    LOG_LEVEL: "info",
    BERTH_METRICS_INTERVAL_MS: String(REPORT_S * 1000),
  });
  const pid = child.pid!;
  const log = path.join(tmp, "berth.log");
  const token = await signIn(base, "admin", password);
  cleanups.push({
    label: "remove soak containers",
    run: async () => {
      const mine = await docker.listContainers({ all: true, filters: { label: [`berth.soak=${TAG}`] } });
      await Promise.all(
        mine.map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => {}),
        ),
      );
    },
  });

  // Chatty containers: a few lines a second each, for the whole run (bounded by their own sleep).
  const chatty: string[] = [];
  for (let i = 0; i < CHATTY; i++) {
    const c = await docker.createContainer({
      name: `${TAG}-chatty-${i}`,
      Image: IMAGE,
      Labels: { "berth.soak": TAG },
      Cmd: [
        "sh",
        "-c",
        `n=0; end=$(($(date +%s)+${MINUTES * 60 + 120})); while [ $(date +%s) -lt $end ]; do n=$((n+1)); echo "soak line $n from chatty ${i}"; usleep 200000; done`,
      ],
      HostConfig: { Init: true },
    });
    await c.start();
    chatty.push(c.id);
  }
  await sleep(2_500);

  let received = 0;
  const sockets: Socket[] = [];
  for (let i = 0; i < VIEWERS; i++) {
    const s = await viewer(base, token);
    for (const ev of ["snapshot", "diff", "logs", "stats"]) s.on(ev, () => received++);
    const id = chatty[i % CHATTY]!;
    const topics = [
      "endpoint:local:containers",
      `endpoint:local:container:${id}:logs:200:all:0`,
      `endpoint:local:container:${id}:stats`,
    ];
    for (const t of topics) {
      const r = await subscribe(s, t);
      if (!r.ok) throw new Error(`subscribe ${t} refused: ${r.error}`);
    }
    sockets.push(s);
  }
  console.log(`Berth pid ${pid}; ${VIEWERS} viewers x 3 topics; churn every ${CHURN_MS} ms; ${MINUTES} min`);
  console.log(`interval = ${REPORT_S} s`);
  console.log("  int.  rss MiB  heap MiB  loop p50 ms  loop p99 ms  loop max ms  load avg (1/5/15)   msgs/s  churned");

  const endAt = Date.now() + MINUTES * 60_000;
  let churned = 0;
  let churnErrors = 0;
  const churn = (async () => {
    let previous: Docker.Container | null = null;
    for (let n = 0; Date.now() < endAt; n++) {
      try {
        const c = await docker.createContainer({
          name: `${TAG}-churn-${n}`,
          Image: IMAGE,
          Labels: { "berth.soak": TAG },
          Cmd: ["sh", "-c", "echo started; sleep 600"],
          HostConfig: { Init: true },
        });
        await c.start();
        if (previous) {
          await previous.stop({ t: 1 });
          await previous.remove({ force: true });
        }
        previous = c;
        churned++;
      } catch (err) {
        churnErrors++;
        if (churnErrors < 5) console.error(`churn: ${(err as Error).message}`);
      }
      await sleep(CHURN_MS);
    }
  })();

  const rows: Row[] = [];
  let offset = 0;
  let lastReceived = 0;
  const intervals = Math.max(1, Math.floor((MINUTES * 60) / REPORT_S));
  for (let minute = 1; minute <= intervals; minute++) {
    await sleep(REPORT_S * 1000);
    const m = latestMetrics(log, offset);
    offset = m.end;
    const row: Row = {
      minute,
      rss: Math.round(rssMiB(pid)),
      heap: m.metrics?.heapUsedMiB ?? Number.NaN,
      p50: m.metrics?.loopP50Ms ?? Number.NaN,
      p99: m.metrics?.loopP99Ms ?? Number.NaN,
      max: m.metrics?.loopMaxMs ?? Number.NaN,
      load: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / "),
      received: Math.round((received - lastReceived) / REPORT_S),
      churned,
    };
    lastReceived = received;
    rows.push(row);
    console.log(
      `${String(row.minute).padStart(6)}  ${String(row.rss).padStart(7)}  ${String(row.heap).padStart(8)}  ${String(row.p50).padStart(11)}  ${String(row.p99).padStart(11)}  ${String(row.max).padStart(11)}  ${row.load.padEnd(18)} ${String(row.received).padStart(7)}  ${String(row.churned).padStart(7)}`,
    );
  }
  await churn;
  for (const s of sockets) s.close();

  // Verdict: after warm-up (the first third, at most 5 intervals), the last 10 intervals (or the last half).
  const warm = rows.slice(Math.min(5, Math.floor(rows.length / 3)));
  const tail = warm.slice(-Math.max(2, Math.min(10, Math.ceil(warm.length / 2))));
  const perMinute = slope(
    tail.map((r) => (r.minute * REPORT_S) / 60),
    tail.map((r) => r.rss),
  );
  const meanRss = tail.reduce((a, r) => a + r.rss, 0) / tail.length;
  // Flat: over the window the trend moves RSS by less than 5 % of its level (and under 1 MiB a minute).
  const drift = perMinute * ((tail.length * REPORT_S) / 60);
  const flat = Math.abs(drift) < 0.05 * meanRss && perMinute < 1;
  const worstP99 = Math.max(...warm.map((r) => r.p99).filter(Number.isFinite));
  console.log(
    `\nRSS slope over the last ${tail.length} intervals: ${perMinute.toFixed(2)} MiB/min (${drift.toFixed(1)} MiB over the window, mean ${meanRss.toFixed(0)} MiB): ${flat ? "flat" : "GROWING"}`,
  );
  console.log(
    `Event-loop delay p99 after warm-up, worst interval: ${worstP99} ms: ${worstP99 < 50 ? "< 50 ms" : "OVER 50 ms"}`,
  );
  console.log(`Churn: ${churned} containers cycled, ${churnErrors} errors; messages received by viewers: ${received}`);
  console.log(`Verdict: ${flat && worstP99 < 50 ? "PASS" : "FAIL"}`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(runCleanups);
