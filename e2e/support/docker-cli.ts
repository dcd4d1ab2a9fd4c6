import { execFileSync } from "node:child_process";
import { requireEnv } from "./env";

/** The real docker CLI against the rig's private engine (never the user's). */
export function docker(...args: string[]): string {
  return execFileSync("docker", ["-H", requireEnv("BERTH_TEST_DOCKER_HOST"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: process.env.BERTH_TEST_DOCKER_API_VERSION || "1.41" },
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export function uniqueName(prefix: string): string {
  return `e2e-${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** A container that stops at once when asked (busybox as PID 1 ignores SIGTERM; --init forwards it). */
export function runSleeper(name: string, extra: string[] = []): string {
  return docker("run", "-d", "--init", "--name", name, ...extra, requireEnv("BERTH_TEST_IMAGE"), "sleep", "3600");
}

export function dockerdCtl(cmd: "stop" | "start"): void {
  execFileSync(requireEnv("BERTH_TEST_DOCKERD_CTL"), [cmd], { stdio: "inherit", env: process.env });
}
