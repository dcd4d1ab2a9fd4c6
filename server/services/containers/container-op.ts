import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { ContainerActionInput } from "@/lib/schemas";
import { dockerOf } from "@/server/endpoints/access";
import { describeDockerError, isUnavailable } from "@/server/endpoints/docker/connect";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export interface OpContext {
  source?: string;
}

/**
 * The shape every container verb shares: authorize, find the session, run against the engine, audit the outcome
 * (refusals included), and turn engine errors into messages a user can act on. `op` gets the container on a client
 * with the deadline of a quick action (60 s); verbs the engine answers only when done ask the session for more.
 */
export async function runContainerOp(
  actor: Actor | null,
  input: ContainerActionInput,
  action: string,
  op: (c: Docker.Container, session: DockerAccess) => Promise<unknown>,
  ctx: OpContext = {},
): Promise<void> {
  const audit = { actor, action, endpointId: input.endpointId, target: input.containerId, source: ctx.source };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = dockerOf(input.endpointId);
  const known = session.containers.get(input.containerId);
  if (known) audit.target = known.name;
  try {
    // A verb that takes longer (stop, restart, remove) asks the session for a client with its own deadline.
    await op(session.client(BUDGET_MS.action).getContainer(input.containerId), session);
    await recordAudit({ ...audit, outcome: "success" });
  } catch (err) {
    const e = err as { statusCode?: number; json?: { message?: string } };
    const message =
      e.statusCode === 404
        ? "No such container"
        : e.statusCode === 409 || e.statusCode === 304
          ? (e.json?.message ?? "The container is not in a state that allows this")
          : describeDockerError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: message });
    // 304 from the engine means "already in that state": not an error worth showing.
    if (e.statusCode === 304) return;
    const status = e.statusCode === 404 ? 404 : isUnavailable(err) ? 503 : 409;
    throw new UserError(message, status, isUnavailable(err) ? "engine_unavailable" : "engine_error");
  }
}
