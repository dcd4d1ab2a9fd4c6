import Docker from "dockerode";
import type { EndpointCredentials } from "@/lib/endpoint-schemas";
import {
  type DockerTarget,
  describeDockerError,
  dockerOptions,
  sshAgentFor,
  timeout,
} from "@/server/endpoints/docker/connect";

const TEST_TIMEOUT_MS = 5_000;

export type ConnectionResult = { ok: true; version: string; apiVersion: string } | { ok: false; reason: string };

/**
 * Talks to an engine once, the way its session will: /version must answer like Docker within 5 s. Failures come
 * back in words a user can act on (refused, timed out, TLS verification failed, not a Docker API, SSH auth...).
 */
export async function testConnection(url: string, credentials?: EndpointCredentials): Promise<ConnectionResult> {
  const target: DockerTarget = { url, credentials };
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
