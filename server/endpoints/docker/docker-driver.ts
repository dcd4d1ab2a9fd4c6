import Docker from "dockerode";
import { connectionUrl, type EndpointConnection, endpointConnection } from "@/lib/endpoint-schemas";
import { SWARM_ORDER, SWARM_RESOURCES } from "@/lib/swarm";
import { DownSession } from "../down-session";
import type { ConnectionResult, EndpointDriver, EndpointTarget } from "../driver";
import { describeDockerError, dockerOptions, sshAgentFor, timeout } from "./connect";
import { DockerSession } from "./docker-session";

const TEST_TIMEOUT_MS = 5_000;

/** Display form of an address: never userinfo, query or fragment. */
function displayAddress(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === "unix:"
      ? `unix://${u.pathname}`
      : `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    return "(invalid address)";
  }
}

/**
 * Talks to an engine once, the way its session will: /version must answer like Docker within 5 s. Failures come
 * back in words a user can act on (refused, timed out, TLS verification failed, not a Docker API, SSH auth...).
 */
async function testDocker(target: EndpointTarget): Promise<ConnectionResult> {
  let agent: ReturnType<typeof sshAgentFor>;
  try {
    agent = sshAgentFor(target, TEST_TIMEOUT_MS);
    const docker = new Docker(dockerOptions(target, TEST_TIMEOUT_MS, agent));
    const v = await timeout(docker.version(), TEST_TIMEOUT_MS);
    if (!v || typeof v.ApiVersion !== "string" || typeof v.Version !== "string") {
      return { ok: false, reason: "Not a Docker API: the server answered, but not like a Docker engine" };
    }
    return { ok: true, version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    return { ok: false, reason: describeDockerError(err) };
  } finally {
    agent?.destroy();
  }
}

/** Docker engines (unix socket, TCP, TCP + TLS, SSH); a swarm manager is a Docker endpoint too. */
export const dockerDriver: EndpointDriver<EndpointConnection> = {
  kind: "docker",
  label: "Docker",
  connection: endpointConnection,
  urlOf: connectionUrl,
  describe(url) {
    const p = url.slice(0, url.indexOf(":"));
    const transport = p === "unix" ? "unix" : p === "https" ? "tls" : p === "ssh" ? "ssh" : "tcp";
    return { address: displayAddress(url), transport };
  },
  test: testDocker,
  open(endpointId, target, log) {
    try {
      return new DockerSession(endpointId, target, log);
    } catch (err) {
      // A row Berth cannot use (unknown scheme): a session that stays down, without touching the network.
      return new DownSession(endpointId, "docker", `Unusable address: ${(err as Error).message}`, log);
    }
  },
  stores: [
    { name: "containers", permission: "container:read" },
    { name: "networks", permission: "network:read" },
    // A swarm manager's stores; empty on a plain engine (a view opened before it joins a swarm fills in when it does).
    ...SWARM_RESOURCES.map((name) => ({ name, permission: "swarm:read" as const, sortKey: SWARM_ORDER[name] })),
  ],
};
