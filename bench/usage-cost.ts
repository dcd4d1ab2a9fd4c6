/**
 * What usage history costs the engine: N running idle containers (default 50), the engine's CPU (dockerd +
 * containerd, from /proc) over a window with usage history off, then on (Berth holds one stats stream per running
 * container), and Berth's own CPU in both windows; then the database rows it wrote.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/usage-cost.ts
 *   BENCH_CONTAINERS=50 BENCH_WINDOW_S=30
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  cleanups,
  cpuMeter,
  dockerCli,
  enginePids,
  intEnv,
  loadRigEnv,
  runCleanups,
  signIn,
  sleep,
  startBerth,
} from "./support";

loadRigEnv();
const N = intEnv("BENCH_CONTAINERS", 50, 1, 200);
const WINDOW_S = intEnv("BENCH_WINDOW_S", 30, 5, 300);
const IMAGE = process.env.BERTH_TEST_IMAGE!;
const LABEL = `berth.bench=usage-${process.pid}`;

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-usage-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  cleanups.push({
    label: "remove bench containers",
    run: () => {
      const ids = dockerCli("ps", "-aq", "--filter", `label=${LABEL}`).split("\n").filter(Boolean);
      if (ids.length) dockerCli("rm", "-f", ...ids);
    },
  });
  for (let i = 0; i < N; i++) dockerCli("run", "-d", "--init", "--label", LABEL, IMAGE, "sleep", "3600");
  const password = randomBytes(12).toString("hex");
  const { child, base } = await startBerth(tmp, password);
  await signIn(base, "admin", password);
  // The switch is a server action (no API route): write the setting it writes; the recorder re-reads it every 10 s.
  const act = async (enabled: boolean) => {
    const db = new Database(path.join(tmp, "data", "berth.db"));
    db.pragma("busy_timeout = 5000");
    db.prepare(
      "insert into meta (key, value) values ('usage-history', ?) on conflict(key) do update set value = excluded.value",
    ).run(JSON.stringify({ endpoints: enabled ? ["local"] : [] }));
    db.close();
  };
  const engine = enginePids();
  const pids = [engine.dockerd, ...(engine.containerd ? [engine.containerd] : [])];
  const measure = async (label: string) => {
    await sleep(12_000); // the recorder reconciles every 10 s
    const eng = cpuMeter(pids);
    const berth = cpuMeter([child.pid!]);
    await sleep(WINDOW_S * 1000);
    const e = eng();
    const b = berth();
    console.log(`${label.padEnd(22)} engine ${e.percent.toFixed(1)} % of a core, Berth ${b.percent.toFixed(1)} %`);
    return e.percent;
  };
  console.log(`${N} running containers, ${WINDOW_S} s windows, load ${os.loadavg()[0]!.toFixed(1)}`);
  await act(false);
  const off = await measure("usage history off");
  await act(true);
  const on = await measure("usage history on");
  await act(false);
  console.log(`engine cost of usage history: ${(on - off).toFixed(1)} % of one core for ${N} containers`);
  const db = new Database(path.join(tmp, "data", "berth.db"), { readonly: true });
  const rows = (db.prepare("select count(*) as n from usage_points").get() as { n: number }).n;
  db.close();
  console.log(`usage points written: ${rows} (one per running container per minute)`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
