/**
 * bench/replicas: three Berth replicas on one Postgres (the replica proof's set-up, e2e/replicas/replica-set.ts).
 *  1. Event → socket viewer latency through the replica that owns the endpoint vs one that mirrors it, same run,
 *     measured from the moment a raw /events listener of the bench sees the engine's event (0 by definition).
 *  2. Bus traffic per engine event: every NOTIFY on the bus channel, counted by a listener of the bench.
 *  3. Takeover after kill -9 of the owner, over TRIALS trials: until another replica holds the endpoint's lease, and
 *     until a viewer on a surviving replica sees a container stopped right after the kill.
 * Needs a built Berth (npm run build) and the rig (source $BERTH_RIG_DIR/env). Run: npx tsx bench/replicas.ts
 * Everything it starts it stops by pid; it sends traffic to loopback and the rig's unix sockets only.
 */
import http from "node:http";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { leaseHolder, type ReplicaSet, startReplicaSet, stopReplicaSet } from "../e2e/replicas/replica-set";
import { dockerCli, intEnv, loadRigEnv, sleep } from "./support";

const EVENTS = intEnv("BENCH_EVENTS", 30, 5, 200);
const TRIALS = intEnv("BENCH_TRIALS", 10, 1, 20);
const ADMIN = { username: "bench-admin", password: "bench-admin-password" };

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const fmt = (v: number[]) =>
  `p50 ${pct(v, 50).toFixed(1)} ms, p95 ${pct(v, 95).toFixed(1)} ms, max ${Math.max(...v).toFixed(1)} ms (n=${v.length})`;

/** The engine's own events, as a raw /events stream of the bench: the time an event happened here. */
function rawEvents(onEvent: (e: { Action: string; Actor: { Attributes: { name?: string } } }) => void): () => void {
  const socketPath = decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname);
  const req = http.get({ socketPath, path: '/events?filters={"type":["container"]}' }, (res) => {
    let buf = "";
    res.on("data", (c: Buffer) => {
      buf += c.toString();
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.trim()) onEvent(JSON.parse(line));
      }
    });
  });
  req.on("error", () => {});
  return () => req.destroy();
}

async function adminCookie(url: string): Promise<string> {
  const jar: string[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(url + path, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), cookie: jar.join("; ") },
    });
    for (const c of res.headers.getSetCookie()) jar.push(c.split(";")[0]!);
    return res;
  };
  const { csrfToken } = (await (await call("/api/auth/csrf")).json()) as { csrfToken: string };
  await call("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...ADMIN, csrfToken, json: "true" }).toString(),
  });
  const session = jar.find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error("sign-in failed");
  return session;
}

function viewer(
  url: string,
  cookie: string,
  origin: string,
  onDiff: (name: string, state: string) => void,
): Promise<Socket> {
  const socket = io(url, {
    path: "/socket.io/",
    transports: ["websocket"],
    extraHeaders: { Cookie: cookie, Origin: origin },
  });
  socket.on("diff", (m: { topic: string; diff: { upsert: { name: string; state: string }[] } }) => {
    if (m.topic === "endpoint:local:containers") for (const c of m.diff.upsert) onDiff(c.name, c.state);
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => socket.emit("subscribe", "endpoint:local:containers", () => resolve(socket)));
    socket.once("connect_error", reject);
  });
}

async function main(): Promise<void> {
  loadRigEnv();
  process.env.BERTH_E2E_PORT ??= "3299";
  let set: ReplicaSet | undefined;
  const sockets: Socket[] = [];
  const stops: (() => void)[] = [];
  try {
    set = await startReplicaSet(3, { BERTH_ADMIN_USERNAME: ADMIN.username, BERTH_ADMIN_PASSWORD: ADMIN.password });
    const cookie = await adminCookie(set.nginx.url);
    const owner = await waitFor(() => leaseHolder(set!, "endpoint:local"));
    const mirror = set.replicas.find((r) => r !== owner)!;

    // ---- 1 and 2: latency owner vs mirror, bus messages per event ----
    const name = `bench-replicas-${Date.now().toString(36)}`;
    dockerCli("run", "-d", "--init", "--name", name, process.env.BERTH_TEST_IMAGE!, "sleep", "3600");
    const t0 = new Map<string, number>();
    const seen: Record<"owner" | "mirror", number[]> = { owner: [], mirror: [] };
    let expecting = "";
    stops.push(
      rawEvents((e) => {
        if (e.Actor.Attributes.name === name && (e.Action === "die" || e.Action === "start"))
          t0.set(e.Action, performance.now());
      }),
    );
    const onDiff = (who: "owner" | "mirror") => (n: string, state: string) => {
      if (n !== name || state !== expecting) return;
      const at = t0.get(state === "running" ? "start" : "die");
      if (at !== undefined) seen[who].push(performance.now() - at);
    };
    sockets.push(await viewer(owner.url, cookie, set.nginx.url, onDiff("owner")));
    sockets.push(await viewer(mirror.url, cookie, set.nginx.url, onDiff("mirror")));
    const bus = new pg.Client({ connectionString: set.databaseUrl });
    await bus.connect();
    let notifies = 0;
    bus.on("notification", () => notifies++);
    await bus.query("LISTEN berth_bus");
    await sleep(3_000);
    const idleStart = notifies;
    await sleep(5_000);
    const idlePerSec = (notifies - idleStart) / 5;
    const busStart = notifies;
    const started = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      expecting = i % 2 === 0 ? "exited" : "running";
      t0.clear();
      dockerCli(i % 2 === 0 ? "stop" : "start", ...(i % 2 === 0 ? ["-t", "1"] : []), name);
      await sleep(600);
    }
    const elapsed = (performance.now() - started) / 1000;
    const busPerEvent = (notifies - busStart - idlePerSec * elapsed) / EVENTS;
    await bus.end();
    dockerCli("rm", "-f", name);

    console.log(`\nbench/replicas — ${EVENTS} container state changes (stop/start), 3 replicas, Postgres bus, nginx`);
    console.log(`  engine event → socket viewer on the owner  (${owner.name}): ${fmt(seen.owner)}`);
    console.log(`  engine event → socket viewer on a mirror   (${mirror.name}): ${fmt(seen.mirror)}`);
    console.log(
      `  bus: ${busPerEvent.toFixed(1)} NOTIFYs per container state change (beyond the idle ${idlePerSec.toFixed(1)}/s of health pings)`,
    );

    // ---- 3: takeover after kill -9 ----
    const takeovers: number[] = [];
    const shown: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const victim = await waitFor(() => leaseHolder(set!, "endpoint:local"));
      const survivor = set.replicas.find((r) => r !== victim)!;
      const target = `bench-takeover-${trial}-${Date.now().toString(36)}`;
      dockerCli("run", "-d", "--init", "--name", target, process.env.BERTH_TEST_IMAGE!, "sleep", "3600");
      let shownAt = 0;
      const s = await viewer(survivor.url, cookie, set.nginx.url, (n, state) => {
        if (n === target && state === "exited" && !shownAt) shownAt = performance.now();
      });
      await sleep(1_000);
      const killed = performance.now();
      await victim.kill("SIGKILL");
      dockerCli("stop", "-t", "1", target);
      const next = await waitFor(async () => {
        const h = await leaseHolder(set!, "endpoint:local");
        return h && h !== victim ? h : undefined;
      }, 30_000);
      takeovers.push(performance.now() - killed);
      await waitFor(async () => shownAt || undefined, 30_000);
      shown.push(shownAt - killed);
      s.close();
      dockerCli("rm", "-f", target);
      await victim.start();
      void next;
    }
    console.log(`  takeover after kill -9 of the owner (${TRIALS} trials):`);
    console.log(`    lease held by another replica: ${fmt(takeovers)}`);
    console.log(`    a stop right after the kill shown to a surviving replica's viewer: ${fmt(shown)}`);
  } finally {
    for (const s of sockets) s.close();
    for (const stop of stops) stop();
    await stopReplicaSet(set);
  }
}

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(25);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
