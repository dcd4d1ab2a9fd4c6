import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { dockerOf } from "@/server/endpoints/access";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { type UseCaseContext, useCase } from "../use-case";

/**
 * A single-container verb (start, stop, kill...) as a use case: the audit names the container, and `op` gets it on
 * a client with the deadline of a quick action (60 s); verbs the engine answers only when done ask the session for
 * more. The engine's 304 ("already started", "already stopped") is what the user wanted, so it is a success.
 */
export function containerVerb(
  actor: Actor | null,
  input: ContainerActionInput,
  audit: string,
  op: (c: Docker.Container, session: DockerAccess) => Promise<unknown>,
  ctx?: UseCaseContext,
): Promise<void> {
  const spec = {
    audit,
    permission: "container:operate" as const,
    resource: { endpointId: input.endpointId },
    target: input.containerId,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const session = dockerOf(input.endpointId);
      note.target = session.containers.get(input.containerId)?.name ?? input.containerId;
      try {
        await op(session.client(BUDGET_MS.action).getContainer(input.containerId), session);
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 304) throw err;
        note.detail = "already in that state";
      }
    },
    ctx,
  );
}
