import type Docker from "dockerode";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { graceBudgetMs, graceOf } from "@/server/endpoints/docker/engine-budget";

/**
 * The container on a client that waits as long as a stop can take: the engine answers a stop (or restart) only once
 * the container exited, which for one that ignores SIGTERM is after its whole grace period (its own StopTimeout, or
 * the engine's 10 s), then SIGKILL. Waiting less reported failures that did not happen.
 */
export async function withGrace(session: DockerAccess, containerId: string): Promise<Docker.Container> {
  const info = (await session.api.getContainer(containerId).inspect()) as { Config?: { StopTimeout?: number } };
  return session.client(graceBudgetMs(graceOf(info))).getContainer(containerId);
}
