import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { redactInspect } from "@/lib/redaction";
import { dockerOf } from "@/server/endpoints/access";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import { containerSession } from "./container-session";

export interface ContainerInspect {
  inspect: Docker.ContainerInspectInfo;
  /** False when env values and other secrets were taken out for this actor. */
  secretsVisible: boolean;
}

function engineError(err: unknown): UserError {
  const e = err as { statusCode?: number };
  return e.statusCode === 404
    ? new UserError("No such container", 404, "not_found")
    : new UserError(describeDockerError(err), 502, "engine_error");
}

/** `docker inspect` for one container; viewers get it with env values and secret-looking labels redacted. */
export async function inspectContainer(
  actor: Actor | null,
  input: { endpointId: string; containerId: string },
): Promise<ContainerInspect> {
  const { containerId } = containerSession(actor, "container:read", input.endpointId, input.containerId);
  let inspect: Docker.ContainerInspectInfo;
  try {
    inspect = await dockerOf(input.endpointId).api.getContainer(containerId).inspect();
  } catch (err) {
    throw engineError(err);
  }
  const secretsVisible = can(actor, "container:inspect-secrets", { endpointId: input.endpointId });
  return { inspect: secretsVisible ? inspect : redactInspect(inspect), secretsVisible };
}

export interface ContainerTop {
  titles: string[];
  processes: string[][];
}

/** The processes running in a container (`docker top`); empty when it is not running. */
export async function topContainer(
  actor: Actor | null,
  input: { endpointId: string; containerId: string },
): Promise<ContainerTop> {
  const { containerId } = containerSession(actor, "container:read", input.endpointId, input.containerId);
  try {
    const top = (await dockerOf(input.endpointId).api.getContainer(containerId).top()) as {
      Titles?: string[];
      Processes?: string[][];
    };
    return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
  } catch (err) {
    const e = err as { statusCode?: number };
    if (e.statusCode === 409) return { titles: [], processes: [] };
    throw engineError(err);
  }
}
