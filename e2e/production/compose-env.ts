import { type ExecFileSyncOptions, execFileSync } from "node:child_process";
import fs from "node:fs";

// How the proof drives docker-compose: the checkout's own docker-compose.yml, with DOCKER_SOCKET pointing the socket
// mount at the rig's private engine (this machine has no /var/run/docker.sock of its own).

export const rigSocket = (): string => {
  const host = process.env.BERTH_TEST_DOCKER_HOST;
  if (!host) throw new Error("BERTH_TEST_DOCKER_HOST not set: start the rig (scripts/rig/up.sh) and source its env");
  return decodeURIComponent(new URL(host).pathname);
};

export const PROOF_PORT = Number(
  process.env.BERTH_PROD_PROOF_PORT || 3300 + Number(process.env.BERTH_E2E_PORT || 3210) - 3210,
);
export const PROOF_URL = `http://127.0.0.1:${PROOF_PORT}`;
/** Where the Berth that the first one deploys as a stack listens (100 above, clear of the other slots' proofs). */
export const STACK_PROOF_PORT = Number(process.env.BERTH_PROD_STACK_PORT || PROOF_PORT + 100);
/** nginx of the compose file's replicas profile (200 above the proof's own port). */
export const PROXY_PORT = Number(process.env.BERTH_PROD_PROXY_PORT || PROOF_PORT + 200);
export const PROJECT = "berth-proof";
export const IMAGE = "berth:local";
export const ADMIN = { username: "proof-admin", password: "proof-admin-password-1" };

function dockerEnv(): NodeJS.ProcessEnv {
  const socket = rigSocket();
  return {
    ...process.env,
    DOCKER_HOST: `unix://${socket}`,
    DOCKER_CONFIG: process.env.BERTH_TEST_DOCKER_CONFIG || process.env.DOCKER_CONFIG,
    COMPOSE_PROJECT_NAME: PROJECT,
    BERTH_PORT: `127.0.0.1:${PROOF_PORT}`,
    NEXTAUTH_URL: PROOF_URL,
    NEXTAUTH_SECRET: "proof-nextauth-secret-not-for-production",
    BERTH_SECRET_KEY: "proof-sealing-key-not-for-production",
    BERTH_ADMIN_USERNAME: ADMIN.username,
    BERTH_ADMIN_PASSWORD: ADMIN.password,
    POSTGRES_PASSWORD: "proof-pg-password",
    DOCKER_GID: String(fs.statSync(socket).gid),
    DOCKER_SOCKET: socket,
  };
}

function run(cmd: string, args: string[], opts: ExecFileSyncOptions = {}): string {
  return execFileSync(cmd, args, { env: dockerEnv(), encoding: "utf8", maxBuffer: 64 << 20, ...opts }) as string;
}

/** docker-compose with the replicas profile on (its three Berths and nginx), some variables set otherwise. */
export const composeReplicas = (env: Record<string, string>, ...args: string[]): string =>
  run("docker-compose", ["-f", "docker-compose.yml", "--profile", "replicas", ...args], {
    env: { ...dockerEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });

export const docker = (...args: string[]): string => run("docker", args).trim();
export const compose = (...args: string[]): string =>
  run("docker-compose", ["-f", "docker-compose.yml", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });

/** The image as a user builds it (`docker build -t berth:local .`); host networking so npm and apt reach their mirrors. */
export function buildImage(): void {
  run("docker", ["build", "--network", "host", "-t", IMAGE, "."], { stdio: "inherit" });
}

export function containerOf(service: string): string {
  // With the profile on, so the replicas' services are known too (it changes nothing for the others).
  return composeReplicas({}, "ps", "-q", service).trim();
}

export async function waitHealthy(service: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const id = containerOf(service);
    if (id) {
      last = docker("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", id);
      if (last === "healthy") return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${service} not healthy after ${timeoutMs} ms (last: ${last})\n${compose("logs", "--tail", "50")}`);
}
