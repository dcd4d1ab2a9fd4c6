import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Docker from "dockerode";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import type { Logger } from "@/server/log";
import { dockerOptions, sshAgentFor } from "./connect";
import { DockerSession } from "./docker-session";

// Against the rig's SSH engine (scripts/rig/engines.sh): sshd on loopback, `docker system dial-stdio` behind it.

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} not set: start the test rig (scripts/rig/up.sh) and source its env file`);
  return v;
};
const target = () => ({
  url: `ssh://${env("BERTH_TEST_SSH_USER")}@127.0.0.1:${env("BERTH_TEST_SSH_PORT")}`,
  credentials: { privateKey: fs.readFileSync(env("BERTH_TEST_SSH_KEY"), "utf8") },
});
const quiet = pino({ level: "silent" }) as unknown as Logger;
const cli = (...args: string[]) =>
  execFileSync("docker", ["-H", env("BERTH_TEST_SSH_LOCAL_HOST"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: "1.41" },
  }).trim();
const cleanup: (() => void)[] = [];
afterAll(() => {
  for (const fn of cleanup) fn();
});

async function waitFor(what: string, probe: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("SshDockerAgent", () => {
  it("reuses one SSH connection and one kept-alive channel without piling up listeners", async () => {
    const agent = sshAgentFor(target())!;
    cleanup.push(() => agent.destroy());
    const docker = new Docker(dockerOptions(target(), 5_000, agent));
    for (let i = 0; i < 30; i++) await docker.ping();
    const free = Object.values(agent.freeSockets).flat();
    expect(free).toHaveLength(1);
    expect(free[0]!.listenerCount("timeout")).toBeLessThanOrEqual(1);
  });

  it("carries a DockerSession: health up, and the events stream sees a container made by the CLI", async () => {
    const session = new DockerSession("ssh-it", target(), quiet);
    cleanup.push(() => session.stop());
    session.start();
    await waitFor("health up", () => session.health.state === "up");
    const name = `berth-it-ssh-${process.pid}`;
    cli("create", "--name", name, env("BERTH_TEST_IMAGE"), "true");
    cleanup.push(() => cli("rm", "-f", name));
    await waitFor("container in store", () => [...session.containers.values()].some((c) => c.name === name));
    await waitFor("facts", () => session.facts !== undefined);
    expect(session.facts!.cpus).toBeGreaterThan(0);
    expect(session.facts!.images).toBeGreaterThan(0);
  });
});
