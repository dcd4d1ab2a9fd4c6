import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, request } from "@playwright/test";
import { requireEnv } from "./env";

// A second, private Berth process (the same build the e2e server runs) for fault tests that must kill or restart
// it: its own port, data folder and log, the rig's engine as its "local" endpoint, an admin made at start.

export const OWN_ADMIN = { username: "faults-admin", password: "faults-admin-password" };

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export class BerthProcess {
  child: ChildProcess | null = null;
  readonly logFile: string;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.logFile = path.join(dataDir, "..", `${path.basename(dataDir)}.log`);
  }

  static async create(): Promise<BerthProcess> {
    return new BerthProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), "berth-faults-")));
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error("not running");
    return this.child.pid;
  }

  /** Starts Berth and waits until it listens; `extraEnv` adds to (or overrides) the environment. */
  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    const out = fs.openSync(this.logFile, "a");
    this.child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: {
        ...process.env,
        BERTH_SKIP_BUILD: "1",
        BERTH_DATA_DIR: this.dataDir,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        DOCKER_HOST: requireEnv("BERTH_TEST_DOCKER_HOST"),
        NEXTAUTH_URL: this.baseURL,
        BERTH_ADMIN_USERNAME: OWN_ADMIN.username,
        BERTH_ADMIN_PASSWORD: OWN_ADMIN.password,
        DATABASE_URL: "",
        ...extraEnv,
      },
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    const started = fs.statSync(this.logFile).size;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const log = fs.readFileSync(this.logFile, "utf8").slice(started);
      if (log.includes("Berth is listening")) return;
      if (this.child.exitCode !== null) throw new Error(`Berth exited early:\n${log}`);
      if (Date.now() > deadline) throw new Error(`Berth did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Ends the process with `signal` (SIGKILL: no clean-up of any kind) and waits until it is gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const gone = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await gone;
    this.child = null;
  }

  log(): string {
    return fs.readFileSync(this.logFile, "utf8");
  }

  async api(): Promise<APIRequestContext> {
    const ctx = await request.newContext({ baseURL: this.baseURL, extraHTTPHeaders: { Origin: this.baseURL } });
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await ctx.post("/api/auth/callback/credentials", {
      form: { username: OWN_ADMIN.username, password: OWN_ADMIN.password, csrfToken, json: "true" },
      maxRedirects: 0,
    });
    const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { name?: string } };
    expect(session.user?.name).toBe(OWN_ADMIN.username);
    return ctx;
  }

  async dispose(): Promise<void> {
    await this.kill("SIGTERM");
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
