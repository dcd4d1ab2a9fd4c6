/**
 * Shared bits of the workbench benchmarks (bench/stats.ts, bench/logs.ts): the rig's env, a built Berth on a
 * loopback port with a temp data dir, sign-in, socket viewers, and CPU/RSS readings from /proc. Everything started
 * is registered for cleanup and stopped by its pid or id.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const cleanups: { label: string; run: () => Promise<void> | void }[] = [];

export function loadRigEnv(): void {
  if (!process.env.BERTH_TEST_DOCKER_HOST) {
    const file = path.join(process.env.BERTH_RIG_DIR || "/tmp/berth-rig", "env");
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!.replace(/^["']|["']$/g, "");
      }
    }
  }
  for (const k of ["BERTH_TEST_DOCKER_HOST", "BERTH_TEST_IMAGE"]) {
    if (!process.env[k]) throw new Error(`${k} is not set: start the rig (scripts/rig/up.sh) and source its env`);
  }
  const sock = decodeURIComponent(new URL(process.env.BERTH_TEST_DOCKER_HOST!).pathname);
  const real = fs.existsSync(sock) ? fs.realpathSync(sock) : sock;
  if (real === "/var/run/docker.sock" || real === "/run/docker.sock") throw new Error("refusing the system engine");
}

export function intEnv(name: string, def: number, min: number, max: number): number {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

export function dockerCli(...args: string[]): string {
  return execFileSync("docker", ["-H", process.env.BERTH_TEST_DOCKER_HOST!, ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: process.env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startBerth(
  tmp: string,
  password: string,
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  for (const f of ["dist/server.mjs", ".next/BUILD_ID"]) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  const log = path.join(tmp, "berth.log");
  const fd = fs.openSync(log, "a");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "BERTH_AUTH_SECRET", "NODE_OPTIONS"]) delete env[k];
  Object.assign(env, {
    NODE_ENV: "production",
    BERTH_SKIP_BUILD: "1",
    BERTH_DATA_DIR: path.join(tmp, "data"),
    HOST: "127.0.0.1",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    DOCKER_HOST: process.env.BERTH_TEST_DOCKER_HOST,
    BERTH_ADMIN_USERNAME: "admin",
    BERTH_ADMIN_PASSWORD: password,
    LOG_LEVEL: "warn",
    ...extraEnv,
  });
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  const pid = child.pid!;
  cleanups.push({
    label: `stop Berth pid ${pid}`,
    run: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      process.kill(pid, "SIGTERM");
      if (!(await Promise.race([exited.then(() => true), sleep(6_000).then(() => false)])))
        process.kill(pid, "SIGKILL");
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Berth exited early:\n${fs.readFileSync(log, "utf8").slice(-3000)}`);
    try {
      const r = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return { child, base };
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error("Berth did not answer within 90 s");
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** next-auth credentials sign-in; returns the session-token cookie value. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesFrom(csrfRes).join("; ") },
    body: new URLSearchParams({ username, password, csrfToken, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return session.slice("next-auth.session-token=".length);
}

export async function viewer(base: string, token: string): Promise<Socket> {
  const sock = io(base, {
    path: "/socket.io/",
    transports: ["websocket"],
    extraHeaders: { Cookie: `next-auth.session-token=${token}` },
    forceNew: true,
    reconnection: false,
    timeout: 10_000,
  });
  cleanups.push({ label: "close viewer socket", run: () => void sock.close() });
  await new Promise<void>((resolve, reject) => {
    sock.once("connect", () => resolve());
    sock.once("connect_error", reject);
  });
  return sock;
}

export function subscribe(sock: Socket, topic: string): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => sock.emit("subscribe", topic, resolve));
}

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The rig's dockerd and its own containerd (the rig starts both; their pid files are in the rig dir). */
export function enginePids(): { dockerd: number; containerd: number | null } {
  const pidFile = process.env.BERTH_TEST_DOCKERD_PID_FILE;
  if (!pidFile) throw new Error("BERTH_TEST_DOCKERD_PID_FILE is not set");
  const dockerd = Number(fs.readFileSync(pidFile, "utf8").trim());
  const cdFile = path.join(path.dirname(pidFile), "containerd.pid");
  const containerd = fs.existsSync(cdFile) ? Number(fs.readFileSync(cdFile, "utf8").trim()) : null;
  return { dockerd, containerd: containerd && fs.existsSync(`/proc/${containerd}`) ? containerd : null };
}

/** Percent of one core used by `pids` over a window: call start(), then stop() after the window. */
export function cpuMeter(pids: number[]) {
  const t0 = performance.now();
  const c0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
  return () => {
    const wall = (performance.now() - t0) / 1000;
    const used = pids.reduce((s, p) => s + cpuSeconds(p), 0) - c0;
    return { percent: (used / wall) * 100, wall };
  };
}

export async function runCleanups(): Promise<void> {
  for (const c of cleanups.reverse()) {
    try {
      await c.run();
    } catch (err) {
      console.error(`cleanup "${c.label}" failed: ${(err as Error).message}`);
    }
  }
}

/** Berth's own process and its descendants (taken once: Berth forks nothing after it started). */
export function processTree(root: number): Set<number> {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * Connections from `pids` to the engine's unix socket right now, seen from outside with `ss`: the events stream,
 * one per open stats or log stream, and keep-alive sockets of finished requests.
 */
export function engineConnections(pids: Set<number>, socketPath: string): number {
  const out = execFileSync("ss", ["-xpnH", "state", "established"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const rows = out.split("\n").map((line) => ({ f: line.trim().split(/\s+/), line }));
  // Without a State column: Netid Recv-Q Send-Q Local Inode Peer PeerInode [Process]
  const engineSide = new Set(rows.filter((r) => r.f[3] === socketPath).map((r) => r.f[4]));
  let n = 0;
  for (const r of rows) {
    if (!engineSide.has(r.f[6])) continue;
    if ([...r.line.matchAll(/pid=(\d+)/g)].some((m) => pids.has(Number(m[1])))) n++;
  }
  return n;
}
