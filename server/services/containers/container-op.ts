import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { ContainerActionInput } from "@/lib/schemas";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";

export interface OpContext {
  source?: string;
}

/**
 * The shape every container verb shares: authorize, find the session, run against the engine, audit the outcome
 * (refusals included), and turn engine errors into messages a user can act on.
 */
export async function runContainerOp(
  actor: Actor | null,
  input: ContainerActionInput,
  action: string,
  op: (c: Docker.Container) => Promise<unknown>,
  ctx: OpContext = {},
): Promise<void> {
  const audit = { actor, action, endpointId: input.endpointId, target: input.containerId, source: ctx.source };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = runtime().endpoints.session(input.endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  const known = session.containers.get(input.containerId);
  if (known) audit.target = known.name;
  try {
    await op(session.api.getContainer(input.containerId));
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
    throw new UserError(message, e.statusCode === 404 ? 404 : 409, "engine_error");
  }
}
