import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { requireEnv, type ServerState, STATE_FILE } from "./env";

/** Starts one Berth server, built, on a fresh data dir and the rig's private engine; no admin yet. */
export default async function globalSetup(): Promise<void> {
  const dockerHost = requireEnv("BERTH_TEST_DOCKER_HOST");
  const port = Number(process.env.BERTH_E2E_PORT || 3210);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-e2e-"));
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  const logFile = path.join(path.dirname(STATE_FILE), "e2e-server.log");
  const out = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      BERTH_SKIP_BUILD: "1",
      BERTH_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DOCKER_HOST: dockerHost,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      BERTH_ADMIN_USERNAME: "",
      BERTH_ADMIN_PASSWORD: "",
      DATABASE_URL: "",
      // Public status pages: a limit a test can reach quickly; X-Forwarded-For from loopback names the client, so a
      // test can be its own client (a made-up address) and exhaust only its own bucket.
      BERTH_PUBLIC_RATE_LIMIT: "60",
      BERTH_TRUSTED_PROXIES: "127.0.0.1",
    },
    stdio: ["ignore", out, out],
    detached: false,
  });
  const deadline = Date.now() + 60_000;
  let setupUrl = "";
  while (Date.now() < deadline) {
    const log = fs.readFileSync(logFile, "utf8");
    setupUrl ||= /(http:\/\/\S+\/setup\?token=\S+)/.exec(log)?.[1] ?? "";
    if (setupUrl && log.includes("Berth is listening")) break;
    if (child.exitCode !== null) throw new Error(`Berth exited early:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!setupUrl) throw new Error(`Berth did not print a setup URL:\n${fs.readFileSync(logFile, "utf8")}`);
  const state: ServerState = { pid: child.pid!, baseURL: `http://127.0.0.1:${port}`, setupUrl, dataDir, logFile };
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
  child.unref();
}
