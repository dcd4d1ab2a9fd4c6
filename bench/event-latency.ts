/**
 * Event latency benchmark: how long after the Docker engine reports a container change does a Berth viewer see it?
 *
 *   source /tmp/berth-rig/env && npx tsx bench/event-latency.ts
 *
 * A script, not a test: it starts its own Berth server (built dist/ + .next/, loopback, temp data dir) against the
 * rig's private engine, creates a few labelled busybox containers, toggles them start/stop one at a time and times
 * each change, with a raw Docker `/events` listener in this process as the reference clock (its receive time is 0):
 *   (a) engine event -> socket.io "diff" at 1 viewer and at 50 viewers (first and last viewer per event);
 *   (b) engine event -> the row's State cell changing in a real Chromium (MutationObserver, and the next frame);
 *   (c) upstream event streams from Berth to the engine, before and after 50 viewers, measured from outside Berth.
 * Everything it starts it stops (Berth by its pid, its containers by id). See bench/README.md.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { type Browser, chromium, type Page } from "playwright-core";
import { io, type Socket } from "socket.io-client";

// ---------------------------------------------------------------------------------------------------------------
// Settings (environment), bounded so the whole run stays well under three minutes.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const intEnv = (name: string, def: number, min: number, max: number): number => {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
};
const EVENTS = intEnv("BENCH_EVENTS", 32, 30, 120); // measured events per scenario (plus WARMUP unmeasured)
const WARMUP = 2;
const VIEWERS = intEnv("BENCH_VIEWERS", 50, 2, 200);
const CONTAINERS = intEnv("BENCH_CONTAINERS", 4, 1, 10);
const SKIP_BROWSER = process.env.BENCH_SKIP_BROWSER === "1";
const KEEP_TMP = process.env.BENCH_KEEP === "1";
const DEADLINE_MS = 170_000; // hard stop for the whole run
const OP_TIMEOUT_MS = 10_000; // one event not seen by then counts as missed
const EXIT_PROBE_TIMEOUT_MS = 33_000; // a little over Berth's 30 s reconcile, so a missed exit still shows when it lands
const GAP_MS: [number, number] = [60, 180]; // random pause between events, so they land at different timer phases

loadRigEnvIfMissing();
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
const CHROMIUM = process.env.BERTH_TEST_CHROMIUM || "/usr/bin/chromium";

/** Wall-clock epoch ms with sub-ms resolution; the browser side uses the same formula, so both share one clock. */
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function loadRigEnvIfMissing(): void {
  if (process.env.BERTH_TEST_DOCKER_HOST) return;
  const file = path.join(process.env.BERTH_RIG_DIR || "/tmp/berth-rig", "env");
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!.replace(/^["']|["']$/g, "");
  }
}

/** Latency figures on a busy machine measure the machine: say how busy it was. */
function loadNote(): string {
  const cores = os.availableParallelism();
  const [l1, l5] = os.loadavg();
  const busy = l1! > cores ? "  (BUSY: more runnable tasks than cores, expect inflated tails)" : "";
  return `${cores} cores, load average ${l1!.toFixed(2)} (1 min) ${l5!.toFixed(2)} (5 min)${busy}`;
}

function fail(msg: string): never {
  throw new Error(msg);
}

function engineSocketPath(host: string): string {
  if (!host.startsWith("unix://")) fail(`BERTH_TEST_DOCKER_HOST must be a unix:// socket of the private rig engine`);
  const p = decodeURIComponent(new URL(host).pathname);
  const real = fs.existsSync(p) ? fs.realpathSync(p) : p;
  if (real === "/var/run/docker.sock" || real === "/run/docker.sock") fail("refusing to use the system Docker socket");
  return p;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  min: number;
}
function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    max: s.at(-1) ?? Number.NaN,
    min: s[0] ?? Number.NaN,
  };
}

function count(into: Map<string, number>, key: string): void {
  into.set(key, (into.get(key) ?? 0) + 1);
}

function push(into: Record<string, number[]>, key: string, v: number): void {
  const list = into[key] ?? [];
  list.push(v);
  into[key] = list;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "-");

function table(headers: string[], rows: string[][], rightFrom = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [fmt(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// Resources and cleanup: everything this script starts is recorded here and undone exactly once.

const cleanupTasks: { label: string; run: () => Promise<void> | void }[] = [];
let cleanedUp = false;
async function cleanup(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const task of cleanupTasks.reverse()) {
    try {
      await Promise.race([task.run(), sleep(8_000)]);
    } catch (err) {
      console.error(`cleanup (${task.label}) failed: ${(err as Error).message}`);
    }
  }
}

/** Containers of earlier runs that could not be removed (engine restarted under them); a run lasts < 3 min. */
async function removeStaleBenchContainers(docker: Docker): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: ["berth.bench=event-latency"] } });
  const stale = list.filter((c) => Date.now() / 1000 - c.Created > 600);
  await Promise.all(
    stale.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
  if (stale.length) console.log(`removed ${stale.length} stale bench container(s) left by an earlier run`);
}

// ---------------------------------------------------------------------------------------------------------------
// The raw /events listener: the reference clock.

interface RawEvent {
  id: string;
  action: string;
  t: number;
}
type RawWaiter = { id: string; action: string; since: number; resolve: (t: number) => void };

class RawListener {
  readonly events: RawEvent[] = [];
  private waiters: RawWaiter[] = [];
  private stream: NodeJS.ReadableStream | null = null;

  async start(docker: Docker, runLabel: string): Promise<void> {
    const stream = (await docker.getEvents({
      filters: { type: ["container"], label: [runLabel] },
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    this.stream = stream;
    let buf = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const t = now(); // receive time: taken before any parsing
      buf += chunk;
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        nl = buf.indexOf("\n");
        if (!line) continue;
        try {
          const ev = JSON.parse(line) as { Action?: string; Actor?: { ID?: string }; id?: string };
          const e: RawEvent = { id: ev.Actor?.ID ?? ev.id ?? "", action: ev.Action ?? "", t };
          this.events.push(e);
          this.waiters = this.waiters.filter((w) => {
            if (w.id === e.id && w.action === e.action && e.t >= w.since) {
              w.resolve(e.t);
              return false;
            }
            return true;
          });
        } catch {
          // not JSON: ignore
        }
      }
    });
    const ended = () => {
      if (this.endedAt === 0) this.endedAt = now();
    };
    stream.on("error", ended);
    stream.on("end", ended);
    stream.on("close", ended);
  }

  /** When the engine closed the stream (dockerd stopped or restarted): the run cannot be trusted after that. */
  endedAt = 0;

  assertAlive(): void {
    if (this.endedAt > 0 && !this.stopping) {
      fail(
        "the engine closed the raw /events stream: dockerd stopped or restarted during the run " +
          "(is another suite, e.g. e2e/recovery.spec.ts, using the same rig engine?). Rerun when the rig is quiet.",
      );
    }
  }
  private stopping = false;

  /** Resolves with the receive time of the first `action` event for `id` received at or after `since`. */
  wait(id: string, action: string, since: number): Promise<number> {
    const seen = this.events.find((e) => e.id === id && e.action === action && e.t >= since);
    if (seen) return Promise.resolve(seen.t);
    return new Promise((resolve) => this.waiters.push({ id, action, since, resolve }));
  }

  actionsBetween(id: string, from: number, to: number): string[] {
    return this.events.filter((e) => e.id === id && e.t >= from && e.t <= to).map((e) => e.action);
  }

  stop(): void {
    this.stopping = true;
    (this.stream as { destroy?: () => void } | null)?.destroy?.();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Counting Berth's connections to the engine from outside (ss -xpn) and the engine's own listener count.

interface UnixConn {
  inode: string;
  peer: string;
  pids: number[];
  local: string;
}

function ssUnix(): UnixConn[] {
  const out = execFileSync("ss", ["-xpnH", "state", "established"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const conns: UnixConn[] = [];
  for (const line of out.split("\n")) {
    // With a state filter ss drops the State column: Netid Recv-Q Send-Q Local Inode Peer PeerInode [Process]
    const f = line.trim().split(/\s+/);
    if (f.length < 7 || f[0] !== "u_str") continue;
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    conns.push({ local: f[3]!, inode: f[4]!, peer: f[6]!, pids });
  }
  return conns;
}

/** pid and all its descendants (Next may fork workers; count them as Berth too). */
function processTree(root: number): Set<number> {
  const parents = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(d), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

interface ConnSample {
  label: string;
  berthConns: string[]; // inodes of Berth-side sockets connected to the engine socket
  otherClientPids: number[]; // other processes connected to the engine (not Berth, not this script)
  engineListeners: number; // engine's NEventsListener (all clients, includes this script's raw listener)
}

async function sampleConnections(label: string, docker: Docker, socketPath: string, berthPid: number | null) {
  const conns = ssUnix();
  const serverSide = new Set(conns.filter((c) => c.local === socketPath).map((c) => c.inode));
  const clientSide = conns.filter((c) => serverSide.has(c.peer));
  const berth = berthPid ? processTree(berthPid) : new Set<number>();
  const berthConns = clientSide.filter((c) => c.pids.some((p) => berth.has(p))).map((c) => c.inode);
  const others = new Set<number>();
  for (const c of clientSide) for (const p of c.pids) if (!berth.has(p) && p !== process.pid) others.add(p);
  const info = (await docker.info()) as { NEventsListener?: number };
  const sample: ConnSample = {
    label,
    berthConns: berthConns.sort(),
    otherClientPids: [...others].sort((a, b) => a - b),
    engineListeners: info.NEventsListener ?? Number.NaN,
  };
  return sample;
}

// ---------------------------------------------------------------------------------------------------------------
// Berth: start, sign in, socket.io viewers.

async function startBerth(tmp: string, port: number, password: string): Promise<{ child: ChildProcess; log: string }> {
  for (const f of ["dist/server.mjs", ".next/BUILD_ID"]) {
    if (!fs.existsSync(path.join(ROOT, f))) fail(`${f} is missing: run \`npm run build\` first`);
  }
  const log = path.join(tmp, "berth.log");
  const fd = fs.openSync(log, "a");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "BERTH_AUTH_SECRET", "BERTH_ALLOWED_ORIGINS", "NODE_OPTIONS"]) {
    delete env[k];
  }
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
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  const pid = child.pid ?? fail("could not start Berth");
  cleanupTasks.push({
    label: `stop Berth pid ${pid}`,
    run: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      process.kill(pid, "SIGTERM");
      const ok = await Promise.race([exited.then(() => true), sleep(6_000).then(() => false)]);
      if (!ok && child.exitCode === null) {
        process.kill(pid, "SIGKILL");
        await Promise.race([exited, sleep(2_000)]);
      }
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) fail(`Berth exited with ${child.exitCode} during start; log:\n${tail(log)}`);
    try {
      const r = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return { child, log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  fail(`Berth did not answer within 60 s; log:\n${tail(log)}`);
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** next-auth v4 credentials sign-in; returns the session-token cookie value. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) fail(`sign-in failed: HTTP ${res.status} without a session cookie`);
  return session.slice("next-auth.session-token=".length);
}

interface ContainerSummaryLite {
  id: string;
  name: string;
  state: string;
}
interface DiffMessage {
  topic: string;
  diff: { upsert?: ContainerSummaryLite[]; remove?: string[] };
}
type SubscribeReply = { ok: true; snapshot: ContainerSummaryLite[] } | { ok: false; error: string };

const TOPIC = "endpoint:local:containers";

/** One viewer: its own socket.io connection (forceNew), signed in by cookie, subscribed to the containers topic. */
async function connectViewer(base: string, token: string, onDiff: (msg: DiffMessage, t: number) => void) {
  const sock: Socket = io(base, {
    path: "/socket.io/",
    transports: ["websocket"],
    extraHeaders: { Cookie: `next-auth.session-token=${token}` },
    forceNew: true,
    reconnection: false,
    timeout: 10_000,
  });
  sock.on("diff", (msg: DiffMessage) => onDiff(msg, now()));
  await new Promise<void>((resolve, reject) => {
    sock.once("connect", () => resolve());
    sock.once("connect_error", (err) => reject(new Error(`socket.io connect failed: ${err.message}`)));
  });
  const snapshot = await subscribe(sock);
  return { sock, snapshot };
}

async function subscribe(sock: Socket): Promise<ContainerSummaryLite[]> {
  const reply = (await sock.timeout(10_000).emitWithAck("subscribe", TOPIC)) as SubscribeReply;
  if (!reply.ok) fail(`subscribe ${TOPIC} refused: ${reply.error}`);
  return reply.snapshot;
}

// ---------------------------------------------------------------------------------------------------------------
// The events: toggle labelled containers one at a time.

interface BenchContainer {
  id: string;
  name: string;
  running: boolean;
  handle: Docker.Container;
}

interface Op {
  container: BenchContainer;
  /** State the row must show afterwards, and the raw engine event that makes it so. */
  expect: "running" | "exited";
  rawAction: "start" | "die";
  issued: number;
}

/** Containers someone else started or stopped between our own operations (another suite on the same engine). */
let externalChanges = 0;

async function issue(c: BenchContainer, before: (op: Op) => void): Promise<Op> {
  // Untimed: re-read the real state, so an outside change cannot make us ask for a no-op (HTTP 304).
  const running = Boolean((await c.handle.inspect()).State?.Running);
  if (running !== c.running) {
    externalChanges++;
    c.running = running;
  }
  const op: Op = {
    container: c,
    expect: c.running ? "exited" : "running",
    rawAction: c.running ? "die" : "start",
    issued: 0,
  };
  before(op);
  op.issued = now();
  if (c.running) await c.handle.stop({ t: 5 });
  else await c.handle.start();
  c.running = !c.running;
  return op;
}

const gap = () => sleep(GAP_MS[0] + Math.random() * (GAP_MS[1] - GAP_MS[0]));

interface SocketResult {
  first: number[]; // raw event -> first viewer's diff
  last: number[]; // raw event -> last viewer's diff
  byAction: Record<string, number[]>; // raw -> last viewer, per raw action
  missed: number;
  diffSequences: Map<string, number>; // states in the diffs viewer 0 got for the container, per operation
  rawSequences: Map<string, number>; // e.g. "kill,die,stop -> diffs running,exited" -> count
  engineByAction: Record<string, number[]>; // API call issued -> raw event, per raw action
}

async function runSocketScenario(
  viewers: number,
  base: string,
  token: string,
  raw: RawListener,
  containers: BenchContainer[],
  between: () => Promise<void>,
): Promise<{ result: SocketResult; close: () => void }> {
  let pending: { op: Op; got: Float64Array; remaining: number; done: () => void } | null = null;
  // Viewer 0's diffs for the container of the current operation, kept until the next operation starts.
  let trace: { id: string; states: string[] } = { id: "", states: [] };
  const onDiff = (idx: number) => (msg: DiffMessage, t: number) => {
    if (msg.topic !== TOPIC) return;
    if (idx === 0) {
      const touched = msg.diff.upsert?.find((c) => c.id === trace.id);
      if (touched) trace.states.push(touched.state);
      else if (msg.diff.remove?.includes(trace.id)) trace.states.push("removed");
    }
    const p = pending;
    if (!p) return;
    const item = msg.diff.upsert?.find((c) => c.id === p.op.container.id);
    if (!item || item.state !== p.op.expect || p.got[idx]! > 0) return;
    p.got[idx] = t;
    if (--p.remaining === 0) p.done();
  };
  const socks: Socket[] = [];
  const close = () => {
    for (const s of socks) s.close();
  };
  cleanupTasks.push({ label: `close ${viewers} viewers`, run: close });
  // Connect in batches of 10 so start-up does not become its own benchmark.
  for (let i = 0; i < viewers; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, viewers - i) }, (_, k) => connectViewer(base, token, onDiff(i + k))),
    );
    for (const v of batch) {
      socks.push(v.sock);
      for (const c of containers) {
        const row = v.snapshot.find((r) => r.id === c.id);
        if (!row) fail(`viewer snapshot lacks container ${c.name}`);
      }
    }
  }
  await between();

  const result: SocketResult = {
    first: [],
    last: [],
    byAction: {},
    missed: 0,
    diffSequences: new Map(),
    rawSequences: new Map(),
    engineByAction: {},
  };
  for (let i = 0; i < WARMUP + EVENTS; i++) {
    raw.assertAlive();
    const c = containers[i % containers.length]!;
    let done!: () => void;
    const allSeen = new Promise<void>((r) => {
      done = r;
    });
    let rawP!: Promise<number>;
    const op = await issue(c, (o) => {
      pending = { op: o, got: new Float64Array(viewers), remaining: viewers, done };
      trace = { id: c.id, states: [] };
      rawP = raw.wait(c.id, o.rawAction, now());
    });
    const timedOut = await Promise.race([
      Promise.all([allSeen, rawP]).then(() => false),
      sleep(OP_TIMEOUT_MS).then(() => true),
    ]);
    const p = pending!;
    pending = null;
    if (i < WARMUP) {
      await gap();
      continue;
    }
    if (timedOut) {
      result.missed++;
      console.error(
        `  ! ${viewers} viewers: ${op.expect} of ${c.name} not seen by all viewers within ${OP_TIMEOUT_MS} ms`,
      );
      await gap();
      continue;
    }
    const tRaw = await rawP;
    const got = [...p.got];
    result.first.push(Math.min(...got) - tRaw);
    result.last.push(Math.max(...got) - tRaw);
    push(result.byAction, op.rawAction, Math.max(...got) - tRaw);
    push(result.engineByAction, op.rawAction, tRaw - op.issued);
    await gap(); // trailing events (e.g. "stop" after "die") and their diffs arrive meanwhile
    const seq = raw.actionsBetween(c.id, op.issued, now()).join(",");
    count(result.rawSequences, `${seq.padEnd(14)} -> diffs ${trace.states.join(",")}`);
  }
  return { result, close };
}

/**
 * The floor for any design that re-reads a container on its event (as Berth does): from the raw event, this script
 * lists the container by id back to back until the engine's list shows the new state.
 */
async function runFloorScenario(docker: Docker, raw: RawListener, containers: BenchContainer[], events: number) {
  const out = { all: [] as number[], byAction: {} as Record<string, number[]>, missed: 0 };
  for (let i = 0; i < WARMUP + events; i++) {
    raw.assertAlive();
    const c = containers[i % containers.length]!;
    let rawP!: Promise<number>;
    const op = await issue(c, (o) => {
      rawP = raw.wait(c.id, o.rawAction, now());
    });
    const tRaw = await Promise.race([rawP, sleep(OP_TIMEOUT_MS).then(() => Number.NaN)]);
    let seen = Number.NaN;
    while (Number.isFinite(tRaw) && now() - tRaw < OP_TIMEOUT_MS) {
      const list = await docker.listContainers({ all: true, filters: { id: [c.id] } });
      if (list[0]?.State === op.expect) {
        seen = now();
        break;
      }
    }
    if (i >= WARMUP) {
      if (Number.isFinite(seen)) {
        out.all.push(seen - tRaw);
        push(out.byAction, op.rawAction, seen - tRaw);
      } else out.missed++;
    }
    await gap();
  }
  return out;
}

/**
 * Exits that are not followed by a "stop" event: `docker kill` (kill, die) and a main process that ends by itself
 * (die). All at once, one viewer, bounded by EXIT_PROBE_TIMEOUT_MS.
 */
async function runExitProbe(
  docker: Docker,
  base: string,
  token: string,
  raw: RawListener,
  containers: BenchContainer[],
  prefix: string,
  runId: string,
) {
  interface Target {
    kind: string;
    id: string;
    name: string;
    raw: number;
    seen: number;
  }
  const targets: Target[] = [];
  const { sock } = await connectViewer(base, token, (msg, t) => {
    if (msg.topic !== TOPIC) return;
    for (const c of msg.diff.upsert ?? []) {
      const tg = targets.find((x) => x.id === c.id);
      if (tg && c.state === "exited" && tg.seen === 0) tg.seen = t;
    }
  });
  cleanupTasks.push({ label: "close exit-probe viewer", run: () => void sock.close() });
  // Two containers whose main process exits on its own one second after start.
  const selfExit: Docker.Container[] = [];
  for (let i = 0; i < 2; i++) {
    const name = `${prefix}exit-${i}`;
    const handle = await docker.createContainer({
      name,
      Image: IMAGE,
      Cmd: ["sh", "-c", "sleep 1; exit 3"],
      Labels: { "berth.bench": "event-latency", "berth.bench.run": runId },
      HostConfig: { Init: true, NetworkMode: "none" },
    });
    containers.push({ id: handle.id, name, running: false, handle }); // removed with the others at the end
    selfExit.push(handle);
    targets.push({ kind: "process exits by itself", id: handle.id, name, raw: 0, seen: 0 });
  }
  // Two bench containers killed with SIGKILL (`docker kill`).
  const toKill: BenchContainer[] = [];
  for (const c of containers.slice(0, CONTAINERS)) {
    if (toKill.length === 2) break;
    if ((await c.handle.inspect()).State?.Running) toKill.push(c);
    else if (toKill.length < 2) {
      await c.handle.start();
      toKill.push(c);
    }
  }
  await sleep(300); // Berth has seen the starts
  const since = now();
  const rawAll = targets.concat(toKill.map((c) => ({ kind: "docker kill", id: c.id, name: c.name, raw: 0, seen: 0 })));
  targets.splice(0, targets.length, ...rawAll);
  for (const t of targets) void raw.wait(t.id, "die", since).then((at) => (t.raw = at));
  await Promise.all(selfExit.map((h) => h.start()));
  await Promise.all(
    toKill.map(async (c) => {
      await c.handle.kill();
      c.running = false;
    }),
  );
  const until = now() + EXIT_PROBE_TIMEOUT_MS;
  while (now() < until && targets.some((t) => t.raw === 0 || t.seen === 0)) await sleep(50);
  sock.close();
  return targets;
}

// ---------------------------------------------------------------------------------------------------------------
// Browser: a signed-in page with a MutationObserver recording when each bench row shows a new state.

interface RowChange {
  name: string;
  state: string;
  t: number;
  frame: number;
}

/** Runs in the page. Records every change of a bench row's State cell with the page's epoch-ms clock. */
function installRowObserver(prefix: string): void {
  const w = window as unknown as { __bench?: { log: RowChange[] } };
  if (w.__bench) return;
  const log: RowChange[] = [];
  const last = new Map<string, string>();
  w.__bench = { log };
  const clock = () => performance.timeOrigin + performance.now();
  const stateOf = (tr: HTMLTableRowElement, col: number): string => {
    const cells = [...tr.children];
    if (col >= 0 && cells[col]) return (cells[col].textContent ?? "").trim();
    const known = ["created", "running", "paused", "restarting", "removing", "exited", "dead"];
    const cell = cells.find((td) => td.tagName === "TD" && known.includes((td.textContent ?? "").trim()));
    return (cell?.textContent ?? "").trim();
  };
  const scan = () => {
    const t = clock();
    for (const table of document.querySelectorAll("table")) {
      const heads = [...table.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim().toLowerCase());
      const col = heads.indexOf("state");
      for (const tr of table.querySelectorAll("tbody tr")) {
        const th = tr.querySelector('th[scope="row"]');
        const name = (th?.textContent ?? "").trim();
        if (!name.startsWith(prefix)) continue;
        const state = stateOf(tr as HTMLTableRowElement, col);
        if (last.get(name) === state) continue;
        last.set(name, state);
        const entry: RowChange = { name, state, t, frame: 0 };
        log.push(entry);
        requestAnimationFrame(() => {
          entry.frame = clock();
        });
      }
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
  scan();
}

interface BrowserResult {
  dom: number[];
  frame: number[];
  byAction: Record<string, number[]>;
  missed: number;
  consoleErrors: string[];
}

async function runBrowserScenario(
  base: string,
  token: string,
  raw: RawListener,
  containers: BenchContainer[],
  prefix: string,
  between: () => Promise<void>,
): Promise<BrowserResult> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  cleanupTasks.push({ label: "close Chromium", run: () => browser.close() });
  const context = await browser.newContext();
  await context.addCookies([
    { name: "next-auth.session-token", value: token, url: base, httpOnly: true, sameSite: "Lax" },
  ]);
  // tsx (esbuild keepNames) wraps named inner functions in __name(); functions passed to page.evaluate need it too.
  await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  const page: Page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${m.text()} (${m.location().url || "?"})`);
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`);
  });
  const res = await page.goto(`${base}/endpoints/local/containers`, { waitUntil: "load", timeout: 30_000 });
  if (!res?.ok()) fail(`containers page answered HTTP ${res?.status()} (${page.url()})`);
  if (new URL(page.url()).pathname.startsWith("/login"))
    fail("the browser was sent to /login: sign-in cookie not accepted");
  await page.evaluate(installRowObserver, prefix);
  // Every bench row must be on the page, and the live socket up, before events are timed.
  await page.waitForFunction(
    (names: string[]) => {
      const w = window as unknown as { __bench?: { log: RowChange[] } };
      const seen = new Set((w.__bench?.log ?? []).map((e) => e.name));
      return names.every((n) => seen.has(n));
    },
    containers.map((c) => c.name),
    { timeout: 15_000 },
  );
  await page
    .getByText("Live", { exact: true })
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => console.error("  ! the page never showed 'Live'; measuring anyway (warm-up events absorb it)"));
  await between();

  const result: BrowserResult = { dom: [], frame: [], byAction: {}, missed: 0, consoleErrors };
  for (let i = 0; i < WARMUP + EVENTS; i++) {
    raw.assertAlive();
    const c = containers[i % containers.length]!;
    let rawP!: Promise<number>;
    const op = await issue(c, (o) => {
      rawP = raw.wait(c.id, o.rawAction, now());
    });
    let change: RowChange | null = null;
    try {
      const handle = await page.waitForFunction(
        ([name, state, since]) => {
          const w = window as unknown as { __bench?: { log: RowChange[] } };
          const e = w.__bench?.log.find((x) => x.name === name && x.state === state && x.t >= since && x.frame > 0);
          return e ?? false;
        },
        [c.name, op.expect, op.issued] as const,
        { timeout: OP_TIMEOUT_MS, polling: 20 },
      );
      change = (await handle.jsonValue()) as RowChange;
    } catch {
      change = null;
    }
    const tRaw = await Promise.race([rawP, sleep(OP_TIMEOUT_MS).then(() => Number.NaN)]);
    if (i < WARMUP) {
      await gap();
      continue;
    }
    if (!change || !Number.isFinite(tRaw)) {
      result.missed++;
      console.error(`  ! browser: ${op.expect} of ${c.name} not shown within ${OP_TIMEOUT_MS} ms`);
      await gap();
      continue;
    }
    result.dom.push(change.t - tRaw);
    result.frame.push(change.frame - tRaw);
    push(result.byAction, op.rawAction, change.t - tRaw);
    await gap();
  }
  await context.close();
  return result;
}

// ---------------------------------------------------------------------------------------------------------------

let rawRef: RawListener | null = null;

async function main(): Promise<void> {
  const t0 = Date.now();
  if (!DOCKER_HOST || !IMAGE)
    fail("BERTH_TEST_DOCKER_HOST and BERTH_TEST_IMAGE are required: source /tmp/berth-rig/env");
  const socketPath = engineSocketPath(DOCKER_HOST);
  const docker = new Docker({ socketPath });
  const info0 = (await docker.version()) as { Version?: string; ApiVersion?: string };
  const runId = randomBytes(4).toString("hex");
  const prefix = `berth-bench-${runId}-`;
  const runLabel = `berth.bench.run=${runId}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "berth-bench-"));
  cleanupTasks.push({
    label: "remove temp dir",
    run: () => {
      if (KEEP_TMP) console.log(`kept ${tmp}`);
      else fs.rmSync(tmp, { recursive: true, force: true });
    },
  });
  console.log(
    `Berth event latency bench: engine ${info0.Version} (API ${info0.ApiVersion}) at ${DOCKER_HOST}; ` +
      `${EVENTS} events per scenario (+${WARMUP} warm-up), ${VIEWERS} viewers, ${CONTAINERS} containers, run ${runId}`,
  );
  console.log(`Machine: ${loadNote()}`);

  // Reference clock first, so it is part of the engine's baseline listener count.
  const raw = new RawListener();
  rawRef = raw;
  await raw.start(docker, runLabel);
  cleanupTasks.push({ label: "stop raw listener", run: () => raw.stop() });

  // Containers: created and started before Berth starts, so its first full list already has them.
  await removeStaleBenchContainers(docker);
  const containers: BenchContainer[] = [];
  cleanupTasks.push({
    label: "remove bench containers",
    run: async () => {
      // The engine may be restarting (another suite): retry for a few seconds, then name what is left.
      let left = containers;
      for (let attempt = 0; attempt < 5 && left.length; attempt++) {
        if (attempt) await sleep(1_000);
        const results = await Promise.all(
          left.map((c) =>
            c.handle.remove({ force: true }).then(
              () => true,
              (err: { statusCode?: number }) => err.statusCode === 404,
            ),
          ),
        );
        left = left.filter((_, i) => !results[i]);
      }
      if (left.length)
        console.error(`could not remove ${left.map((c) => c.name).join(", ")}; the next run removes them`);
    },
  });
  for (let i = 0; i < CONTAINERS; i++) {
    const name = `${prefix}${i}`;
    const handle = await docker.createContainer({
      name,
      Image: IMAGE,
      Cmd: ["sleep", "3600"],
      Labels: { "berth.bench": "event-latency", "berth.bench.run": runId },
      HostConfig: { Init: true, NetworkMode: "none" },
    });
    containers.push({ id: handle.id, name, running: false, handle });
    await handle.start();
    containers[i]!.running = true;
  }

  const samples: ConnSample[] = [];
  samples.push(await sampleConnections("before Berth starts", docker, socketPath, null));

  const port = await freePort();
  const password = randomBytes(18).toString("base64url");
  const base = `http://127.0.0.1:${port}`;
  const tStart = now();
  const { child, log } = await startBerth(tmp, port, password);
  const berthPid = child.pid!;
  const token = await signIn(base, "admin", password);
  console.log(`Berth pid ${berthPid} on ${base} answered after ${((now() - tStart) / 1000).toFixed(1)} s; signed in`);

  // Wait until Berth's store has our containers (its first list may still be running).
  {
    const until = Date.now() + 20_000;
    for (;;) {
      const { sock, snapshot } = await connectViewer(base, token, () => {});
      sock.close();
      const ok = containers.every((c) => snapshot.some((r) => r.id === c.id && r.state === "running"));
      if (ok) break;
      if (Date.now() > until) fail("Berth's containers snapshot never showed the bench containers running");
      await sleep(250);
    }
  }
  await sleep(1_000);
  const sample = async (label: string) => {
    samples.push(await sampleConnections(label, docker, socketPath, berthPid));
  };
  await sample("Berth up, 0 viewers");

  console.log(`(a) socket.io, 1 viewer: ${EVENTS} events…`);
  const one = await runSocketScenario(1, base, token, raw, containers, () => sample("1 viewer subscribed"));
  one.close();
  await sleep(300);

  console.log(`(a) socket.io, ${VIEWERS} viewers: ${EVENTS} events…`);
  const many = await runSocketScenario(VIEWERS, base, token, raw, containers, () =>
    sample(`${VIEWERS} viewers subscribed`),
  );
  await sample(`${VIEWERS} viewers, after ${EVENTS + WARMUP} events`);
  many.close();
  await sleep(300);

  const floorEvents = Math.min(EVENTS, 16); // context only: fewer events keep the run short
  console.log(`    floor: the engine's own list, polled from the raw event: ${floorEvents} events…`);
  const floor = await runFloorScenario(docker, raw, containers, floorEvents);

  let br: BrowserResult | null = null;
  if (!SKIP_BROWSER) {
    console.log(`(b) browser (${CHROMIUM}): ${EVENTS} events…`);
    br = await runBrowserScenario(base, token, raw, containers, prefix, () => sample("1 browser tab live"));
  }

  // Context: what Berth itself does per event (one filtered list call), timed from here on an idle engine.
  const listRtt: number[] = [];
  for (let i = 0; i < 20; i++) {
    const c = containers[i % containers.length]!;
    const s = now();
    await docker.listContainers({ all: true, filters: { id: [c.id] } });
    listRtt.push(now() - s);
  }

  let exits: Awaited<ReturnType<typeof runExitProbe>> = [];
  const elapsed = Date.now() - t0;
  if (elapsed < DEADLINE_MS - EXIT_PROBE_TIMEOUT_MS - 20_000) {
    console.log(
      `    exits without a "stop" event (docker kill, process ends by itself), up to ${EXIT_PROBE_TIMEOUT_MS / 1000} s…`,
    );
    exits = await runExitProbe(docker, base, token, raw, containers, prefix, runId);
  } else console.log(`    exit probe skipped: ${Math.round(elapsed / 1000)} s used, not enough time left`);

  const berthAlive = child.exitCode === null;
  const berthErrors = tail(log, 400)
    .split("\n")
    .filter((l) => /"level":(50|60)/.test(l));

  // -------------------------------------------------------------------------------------------------------------
  // Report
  const row = (label: string, v: number[], missed = 0, extra = ""): string[] => {
    const s = stats(v);
    return [label, String(s.n) + (missed ? ` (+${missed} missed)` : ""), ms(s.p50), ms(s.p95), ms(s.max), extra];
  };
  const engineBy = (a: string) => [...(one.result.engineByAction[a] ?? []), ...(many.result.engineByAction[a] ?? [])];
  const rows: string[][] = [
    ["raw Docker /events listener (reference clock)", "-", ms(0), ms(0), ms(0), "0 by definition"],
    row("engine: POST start issued -> raw 'start'", engineBy("start"), 0, "API round trip, context"),
    row("engine: POST stop issued -> raw 'die'", engineBy("die"), 0, "API round trip, context"),
    row("engine: GET /containers/json?filters=id, idle", listRtt, 0, "Berth does >=1 per event"),
    row("floor: raw event -> engine list shows it", floor.all, floor.missed, "bench's own list, polled"),
    row("socket.io diff, 1 viewer", one.result.last, one.result.missed),
    row(`socket.io diff, ${VIEWERS} viewers: first viewer`, many.result.first, many.result.missed),
    row(`socket.io diff, ${VIEWERS} viewers: last viewer`, many.result.last, many.result.missed),
    row(
      `socket.io diff, ${VIEWERS} viewers: spread last-first`,
      many.result.last.map((v, i) => v - many.result.first[i]!),
    ),
  ];
  if (br) {
    rows.push(row("browser row changed (MutationObserver)", br.dom, br.missed));
    rows.push(row("browser row changed (next animation frame)", br.frame, br.missed));
  }
  console.log("\n== Latency from the raw engine event (ms, same machine clock) ==");
  console.log(table(["scenario", "events", "p50", "p95", "max", "note"], rows));

  const actionRows: string[][] = [];
  for (const [label, by] of [
    ["floor (engine list)", floor.byAction],
    ["socket.io, 1 viewer", one.result.byAction],
    [`socket.io, ${VIEWERS} viewers (last)`, many.result.byAction],
    ...(br ? [["browser (DOM)", br.byAction] as const] : []),
  ] as const) {
    for (const a of ["start", "die"]) {
      const v = (by as Record<string, number[]>)[a] ?? [];
      const s = stats(v);
      actionRows.push([
        label,
        a === "start" ? "start -> running" : "stop: die -> exited",
        String(s.n),
        ms(s.p50),
        ms(s.p95),
        ms(s.max),
      ]);
    }
  }
  console.log("\n== By kind of change (raw event that flips the State) ==");
  console.log(table(["scenario", "change", "events", "p50", "p95", "max"], actionRows, 2));

  if (exits.length) {
    console.log('\n== Exits without a following "stop" event: raw "die" -> viewer diff "exited" (1 viewer) ==');
    console.log(
      table(
        ["container", "how it exited", "raw die -> viewer"],
        exits.map((e) => [
          e.name,
          e.kind,
          e.raw === 0
            ? "no die event"
            : e.seen === 0
              ? `not within ${EXIT_PROBE_TIMEOUT_MS / 1000} s`
              : `${ms(e.seen - e.raw)}${e.seen - e.raw > 1000 ? "  <- late" : ""}`,
        ]),
        2,
      ),
    );
  }

  const seqs = new Map<string, number>();
  for (const r of [one.result, many.result]) for (const [k, v] of r.rawSequences) seqs.set(k, (seqs.get(k) ?? 0) + v);
  console.log("\n== Per operation: raw engine events -> states in the diffs viewer 0 received (socket scenarios) ==");
  for (const [k, v] of [...seqs].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(3)} x  ${k}`);

  // (c) Upstream streams.
  const baseline = samples[0]!;
  const first = samples[1]!;
  const persistent = first.berthConns.filter((i) => samples.slice(1).every((s) => s.berthConns.includes(i)));
  const connRows = samples.map((s) => {
    const othersSame = s.otherClientPids.join(",") === baseline.otherClientPids.join(",");
    return [
      s.label,
      s.label.startsWith("before") ? "-" : String(s.berthConns.length),
      String(s.engineListeners),
      s.label.startsWith("before") ? "-" : String(s.engineListeners - baseline.engineListeners),
      othersSame ? "no" : `yes (${s.otherClientPids.join(",") || "none"})`,
    ];
  });
  console.log("\n== (c) Upstream connections from Berth to the engine, measured outside Berth ==");
  console.log(
    table(
      [
        "moment",
        "Berth->engine unix conns (ss)",
        "engine NEventsListener",
        "Berth /events streams (engine delta)",
        "other engine clients changed?",
      ],
      connRows,
    ),
  );
  const at50 = samples.find((s) => s.label === `${VIEWERS} viewers subscribed`)!;
  const after50 = samples.find((s) => s.label.startsWith(`${VIEWERS} viewers, after`))!;
  const streams50 = at50.engineListeners - baseline.engineListeners;
  const streamsAfter = after50.engineListeners - baseline.engineListeners;
  const othersStable = samples.every((s) => s.otherClientPids.join(",") === baseline.otherClientPids.join(","));
  console.log(
    `Berth's sockets to the engine present in every sample since start: ${persistent.length} ` +
      `(the /events stream must be one of them; request sockets come and go); other engine clients seen: ` +
      `${baseline.otherClientPids.join(",") || "none"}${othersStable ? " (unchanged during the run)" : " (CHANGED: engine delta may be off)"}`,
  );

  // Summary verdicts
  const connsGrew =
    at50.berthConns.length > first.berthConns.length + 1 || after50.berthConns.length > first.berthConns.length + 1;
  const okStreams = streams50 === 1 && streamsAfter === 1 && !connsGrew;
  console.log(
    `\nUpstream /events streams at ${VIEWERS} viewers: ${streams50} (after events: ${streamsAfter}); ` +
      `Berth->engine connections ${first.berthConns.length} at 0 viewers, ${at50.berthConns.length} at ${VIEWERS} ` +
      `-> ${okStreams ? "PASS (stays 1)" : othersStable ? "FAIL" : "INCONCLUSIVE (other engine clients changed)"}`,
  );
  if (br?.consoleErrors.length) console.log(`Browser console errors: ${br.consoleErrors.slice(0, 5).join(" | ")}`);
  if (berthErrors.length) console.log(`Berth logged ${berthErrors.length} error line(s); first: ${berthErrors[0]}`);
  if (!berthAlive) console.log("Berth exited during the run!");
  if (externalChanges) console.log(`Warning: ${externalChanges} bench container(s) changed state by an outside hand`);
  console.log(`Machine at the end: ${loadNote()}`);
  console.log(`Total time ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const lateExits = exits.filter((e) => e.raw === 0 || e.seen === 0 || e.seen - e.raw > 1000).length;
  if (lateExits) {
    console.log(
      `BERTH BUG: ${lateExits} of ${exits.length} exits without a "stop" event reached the viewer late or never ` +
        `(Berth re-lists on "die", but the engine's list still says "running" at that moment; see bench/README.md)`,
    );
  }
  const misses = one.result.missed + many.result.missed + floor.missed + (br?.missed ?? 0) + lateExits;
  process.exitCode = misses > 0 || !berthAlive || (!okStreams && othersStable) ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`bench: over ${DEADLINE_MS / 1000} s, stopping`);
  void cleanup().finally(() => process.exit(2));
}, DEADLINE_MS);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .catch(async (err) => {
    await sleep(300); // a dropped engine connection may surface on a request before the events stream reports it
    if (rawRef && rawRef.endedAt > 0 && !/engine closed the raw/.test(String(err))) {
      console.error(`bench failed: ${(err as Error).message}`);
      try {
        rawRef.assertAlive();
      } catch (why) {
        console.error(`  because ${(why as Error).message}`);
      }
      process.exitCode = 3;
      return;
    }
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = /engine closed the raw/.test(String(err)) ? 3 : 1;
  })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    // socket.io / dockerode agents may keep handles open a little; the run is over.
    setTimeout(() => process.exit(), 200).unref();
  });
