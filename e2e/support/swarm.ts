import { execFileSync } from "node:child_process";
import type { APIRequestContext } from "@playwright/test";
import { uniqueName } from "./docker-cli";
import { requireEnv, serverState } from "./env";

/** The real docker CLI against the rig swarm's manager (scripts/rig/swarm.sh). */
export function swarmDocker(...args: string[]): string {
  return execFileSync("docker", ["-H", requireEnv("BERTH_TEST_SWARM_MANAGER_HOST"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: "1.41" },
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export const workerNames = () => requireEnv("BERTH_TEST_SWARM_WORKER_NAMES").split(",");

/** The swarm manager as a Berth endpoint (added through the API once; later runs reuse it). */
export async function ensureSwarmEndpoint(admin: APIRequestContext): Promise<string> {
  const list = (await (await admin.get("/api/v1/endpoints")).json()) as { id: string; name: string }[];
  const found = list.find((e) => e.name === "e2e-swarm");
  if (found) return found.id;
  const res = await admin.post("/api/v1/endpoints", {
    headers: { Origin: serverState().baseURL },
    data: {
      name: "e2e-swarm",
      connection: { type: "unix", socketPath: requireEnv("BERTH_TEST_SWARM_MANAGER_SOCKET") },
    },
  });
  const body = (await res.json()) as { id?: string; detail?: string };
  if (!body.id) throw new Error(`could not add the swarm endpoint: ${res.status()} ${body.detail}`);
  return body.id;
}

export const swarmName = (prefix: string) => uniqueName(prefix).toLowerCase().slice(0, 40);

/** Nodes (hostnames) of a service's running tasks, as `docker service ps` sees them. */
export function runningNodes(service: string): string[] {
  return swarmDocker(
    "service",
    "ps",
    service,
    "--filter",
    "desired-state=running",
    "--format",
    "{{.Node}} {{.CurrentState}}",
  )
    .split("\n")
    .filter((l) => l.includes(" Running"))
    .map((l) => l.split(" ")[0] ?? "");
}

/** Removes every service and stack whose name starts with the e2e prefix. */
export function cleanSwarm(): void {
  const names = swarmDocker("service", "ls", "--format", "{{.Name}}")
    .split("\n")
    .filter((n) => n.startsWith("e2e-"));
  if (names.length) swarmDocker("service", "rm", ...names);
}
