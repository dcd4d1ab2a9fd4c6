import { execFileSync } from "node:child_process";
import path from "node:path";
import { requireEnv } from "./env";

/** The docker CLI against one of the rig's extra engines, over its local unix socket (scripts/rig/engines.sh). */
export function dockerOn(engine: "tls" | "ssh", ...args: string[]): string {
  const host = requireEnv(engine === "tls" ? "BERTH_TEST_TLS_LOCAL_HOST" : "BERTH_TEST_SSH_LOCAL_HOST");
  return execFileSync("docker", ["-H", host, ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: process.env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export function sleeperOn(engine: "tls" | "ssh", name: string): string {
  return dockerOn(engine, "run", "-d", "--init", "--name", name, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
}

/** Stops or starts one extra engine (never the main one other specs use). */
export function engineCtl(engine: "tls" | "ssh", cmd: "stop" | "start"): void {
  execFileSync(requireEnv("BERTH_TEST_ENGINES_CTL"), [engine, cmd], { stdio: "inherit", env: process.env });
}

export const tlsFile = (name: string) => path.join(requireEnv("BERTH_TEST_TLS_CERTS"), name);
