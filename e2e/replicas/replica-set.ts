import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// Three Berth replicas on one Postgres database behind Debian's nginx on loopback: the deployment the replica
// proof drives. Every process here is started by this file and ended by its pid.

export const SECRETS = {
  NEXTAUTH_SECRET: "replica-proof-nextauth-secret",
  BERTH_SECRET_KEY: "replica-proof-sealing-key",
};

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: start the rig (scripts/rig/up.sh) and source its env`);
  return v;
}

/** A fresh database on the rig's Postgres server, for this proof alone (the integration tests reset their own). */
export async function freshDatabase(name: string): Promise<string> {
  const url = new URL(requireEnv("BERTH_TEST_PG_URL"));
  // The rig's server trusts its superuser on loopback; the test user owns the new database.
  const adminUrl = new URL(url);
  adminUrl.username = "postgres";
  adminUrl.password = "";
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} OWNER "${decodeURIComponent(url.username)}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export async function query<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export class Replica {
  child: ChildProcess | null = null;
  exitCode: number | null = null;
  readonly logFile: string;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {
    this.logFile = `${dataDir}.log`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  /** Starts the replica; resolves once it listens, or rejects with its log if it exits first. */
  async start(extraEnv: Record<string, string> = {}, waitListening = true): Promise<void> {
    const out = fs.openSync(this.logFile, "a");
    const startedAt = fs.statSync(this.logFile).size;
    this.exitCode = null;
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, BERTH_SKIP_BUILD: "1", ...this.env, ...extraEnv },
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    this.child = child;
    child.once("exit", (code) => {
      this.exitCode = code ?? -1;
      if (this.child === child) this.child = null;
    });
    if (!waitListening) return;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const log = fs.readFileSync(this.logFile, "utf8").slice(startedAt);
      if (log.includes("Berth is listening")) return;
      if (this.exitCode !== null) throw new Error(`${this.name} exited early:\n${log}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Waits for the process to end on its own (a refused start); returns its exit code. */
  async exited(timeoutMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.exitCode === null) {
      if (Date.now() > deadline) throw new Error(`${this.name} is still running`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.exitCode;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await gone;
  }

  log(): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8") : "";
  }
}

export class Nginx {
  child: ChildProcess | null = null;
  readonly dir: string;

  constructor(
    readonly port: number,
    private readonly upstreams: number[],
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-nginx-"));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Round robin, no stickiness: sockets must use the WebSocket transport (one connection, one replica). */
  config(): string {
    const d = this.dir;
    const servers = this.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n");
    return `worker_processes 1;
error_log ${d}/error.log warn;
pid ${d}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${d}/body;
  proxy_temp_path ${d}/proxy;
  fastcgi_temp_path ${d}/fastcgi;
  uwsgi_temp_path ${d}/uwsgi;
  scgi_temp_path ${d}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream berth {
${servers}
  }
  server {
    listen 127.0.0.1:${this.port};
    client_max_body_size 0;
    location / {
      proxy_pass http://berth;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_buffering off;
    }
  }
}
`;
  }

  async start(): Promise<void> {
    const conf = path.join(this.dir, "nginx.conf");
    fs.writeFileSync(conf, this.config());
    // -t first: a bad config fails here with nginx's own words.
    execFileSync("/usr/sbin/nginx", ["-t", "-q", "-p", this.dir, "-c", conf, "-g", "daemon off; user root;"]);
    this.child = spawn("/usr/sbin/nginx", ["-p", this.dir, "-c", conf, "-g", "daemon off; user root;"], {
      stdio: "ignore",
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(this.port, "127.0.0.1", () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `nginx did not listen on ${this.port}: ${fs.readFileSync(path.join(this.dir, "error.log"), "utf8")}`,
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once("exit", r));
    // QUIT: nginx's graceful stop; the master ends its own workers.
    child.kill("SIGQUIT");
    await gone;
    // nginx's own words (which upstream failed, and how) stay beside the replicas' logs for a failed run.
    const errors = path.join(this.dir, "error.log");
    if (fs.existsSync(errors)) fs.copyFileSync(errors, `${this.dir}.error.log`);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReplicaSet {
  databaseUrl: string;
  replicas: Replica[];
  nginx: Nginx;
}

/** Starts the database, three replicas (one after another: the first registers the engine) and nginx. */
/** `databaseUrl`: an existing database (a restored backup) instead of a fresh one. */
export async function startReplicaSet(
  count = 3,
  extraEnv: Record<string, string> = {},
  existingDatabaseUrl?: string,
): Promise<ReplicaSet> {
  const db = `berth_replicas_${process.env.BERTH_E2E_PORT || "3210"}`;
  const databaseUrl = existingDatabaseUrl ?? (await freshDatabase(db));
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const nginx = new Nginx(await freePort(), ports);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "berth-replicas-"));
  const replicas = ports.map(
    (port, i) =>
      new Replica(`replica-${i + 1}`, port, path.join(base, `r${i + 1}`), {
        BERTH_DATA_DIR: path.join(base, `r${i + 1}`),
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        DOCKER_HOST: requireEnv("BERTH_TEST_DOCKER_HOST"),
        // The URL users open: nginx's. Sockets opened straight to a replica send it as Origin too.
        NEXTAUTH_URL: nginx.url,
        BERTH_ALLOWED_ORIGINS: nginx.url,
        BERTH_ADMIN_USERNAME: "",
        BERTH_ADMIN_PASSWORD: "",
        LOG_LEVEL: "info",
        ...SECRETS,
        ...extraEnv,
      }),
  );
  for (const r of replicas) await r.start();
  await nginx.start();
  return { databaseUrl, replicas, nginx };
}

export async function stopReplicaSet(set: ReplicaSet | undefined): Promise<void> {
  if (!set) return;
  await set.nginx.stop().catch(() => {});
  for (const r of set.replicas) await r.kill("SIGTERM").catch(() => {});
}

/** The replica whose process holds a lease (holder ids are `<host>-<pid>-<random>`). */
export async function leaseHolder(set: ReplicaSet, lease: string): Promise<Replica | undefined> {
  const rows = await query<{ holder: string }>(
    set.databaseUrl,
    "SELECT holder FROM leases WHERE name = $1 AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint",
    [lease],
  );
  const pid = Number(rows[0]?.holder.split("-").at(-2));
  return set.replicas.find((r) => r.child?.pid === pid);
}
