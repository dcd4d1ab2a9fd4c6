/**
 * Stats benchmark: N running containers (default 100), V viewers (default 10) each subscribed to all N stats topics
 * through Berth; Berth's CPU and the engine's CPU (dockerd + containerd, from /proc/<pid>/stat) per second of wall
 * time, then the same N streamed by `docker stats` (the CLI) in the same run, for comparison.
 *
 *   npm run build && source $BERTH_RIG_DIR/env && npx tsx bench/stats.ts
 *   BENCH_CONTAINERS=100 BENCH_VIEWERS=10 BENCH_WINDOW_S=30
 *
 * Phases, each BENCH_WINDOW_S long: idle (containers running, nobody watching), Berth (V viewers x N topics),
 * docker stats (Berth's viewers gone, the CLI streaming all N). Cleans up what it made (containers by label, Berth by pid).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";
import {
  cleanups,
  cpuMeter,
  enginePids,
  intEnv,
  loadRigEnv,
  runCleanups,
  signIn,
  sleep,
  startBerth,
  subscribe,
  viewer,
} from "./support";

loadRigEnv();
const N = intEnv("BENCH_CONTAINERS", 100, 1, 200);
const V = intEnv("BENCH_VIEWERS", 10, 1, 50);
const WINDOW_S = intEnv("BENCH_WINDOW_S", 30, 5, 120);
const IMAGE = process.env.BERTH_TEST_IMAGE!;
const LABEL = `berth.bench=stats-${process.pid}`;
const docker = new Docker({ socketPath: decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname) });

async function makeContainers(): Promise<string[]> {
  cleanups.push({
    label: "remove bench containers",
    run: async () => {
      const list = await docker.listContainers({ all: true, filters: { label: [LABEL] } });
      await Promise.all(
        list.map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => {}),
        ),
      );
    },
  });
  const ids: string[] = [];
  const t0 = Date.now();
  // A few at a time: the engine is shared with other work on this machine.
  for (let i = 0; i < N; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, N - i) }, async (_, j) => {
        const c = await docker.createContainer({
          name: `bench-stats-${process.pid}-${i + j}`,
          Image: IMAGE,
          Cmd: ["sleep", "3600"],
          Labels: { [LABEL.split("=")[0]!]: LABEL.split("=")[1]! },
          HostConfig: { Init: true },
        });
        await c.start();
        return c.id;
      }),
    );
    ids.push(...batch);
  }
  console.log(`started ${N} containers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return ids;
}

function measure(label: string, berthPid: number, engine: number[]) {
  const berth = cpuMeter([berthPid]);
  const eng = cpuMeter(engine);
  return () => {
    const b = berth();
    const e = eng();
    return { label, berth: b.percent, engine: e.percent, wall: e.wall };
  };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-stats-"));
  cleanups.push({ label: "remove temp dir", run: () => fs.rmSync(tmp, { recursive: true, force: true }) });
  const password = randomBytes(12).toString("base64url");
  const ids = await makeContainers();
  const { child, base } = await startBerth(tmp, password);
  const berthPid = child.pid!;
  const { dockerd, containerd } = enginePids();
  const engine = [dockerd, ...(containerd ? [containerd] : [])];
  console.log(`Berth pid ${berthPid}; engine pids dockerd ${dockerd}, containerd ${containerd ?? "(not found)"}`);
  const token = await signIn(base, "admin", password);
  // Let Berth's container store fill (the list is taken at connect) before anything is timed.
  await sleep(3_000);
  const rows: ReturnType<ReturnType<typeof measure>>[] = [];

  let stop = measure("idle (no viewers)", berthPid, engine);
  await sleep(WINDOW_S * 1000);
  rows.push(stop());

  const sockets = await Promise.all(Array.from({ length: V }, () => viewer(base, token)));
  let samples = 0;
  for (const s of sockets) s.on("stats", () => samples++);
  for (const s of sockets) {
    const replies = await Promise.all(ids.map((id) => subscribe(s, `endpoint:local:container:${id}:stats`)));
    const bad = replies.filter((r) => !r.ok);
    if (bad.length) throw new Error(`subscribe refused: ${bad[0]?.error}`);
  }
  await sleep(3_000); // samplers open
  samples = 0;
  stop = measure(`Berth: ${V} viewers x ${N} stats topics`, berthPid, engine);
  await sleep(WINDOW_S * 1000);
  const berthRow = stop();
  rows.push(berthRow);
  const perSecond = samples / berthRow.wall;
  for (const s of sockets) s.close();
  await sleep(3_000); // samplers stop after the last viewer

  const cli = spawn(
    "docker",
    ["-H", process.env.BERTH_TEST_DOCKER_HOST!, "stats", "--format", "{{.ID}} {{.CPUPerc}}", ...ids],
    { env: { ...process.env, DOCKER_API_VERSION: "1.41" }, stdio: ["ignore", "ignore", "ignore"] },
  );
  cleanups.push({ label: `stop docker stats pid ${cli.pid}`, run: () => void (cli.exitCode === null && cli.kill()) });
  await sleep(3_000);
  stop = measure(`docker stats (CLI) streaming ${N}`, berthPid, engine);
  const cliMeter = cpuMeter([cli.pid!]);
  await sleep(WINDOW_S * 1000);
  const cliRow = stop();
  const cliOwn = cliMeter();
  rows.push(cliRow);
  cli.kill();

  console.log(
    `\nCPU, percent of one core, averaged over ${WINDOW_S} s windows (${os.cpus().length} cores on this machine)`,
  );
  console.log("phase".padEnd(44), "Berth".padStart(8), "engine".padStart(8));
  for (const r of rows)
    console.log(r.label.padEnd(44), r.berth.toFixed(1).padStart(8), r.engine.toFixed(1).padStart(8));
  console.log(`docker CLI process itself: ${cliOwn.percent.toFixed(1)} %`);
  console.log(`stats messages delivered to viewers: ${perSecond.toFixed(0)}/s (expected about ${N * V}/s)`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
