import type Docker from "dockerode";
import type { ContainerOverview } from "@/lib/container-overview";
import type { Actor } from "@/lib/domain";
import { can } from "@/lib/policy";
import { redactInspect } from "@/lib/redaction";
import { dockerOf } from "@/server/endpoints/access";
import { toOverview } from "@/server/endpoints/docker/container-overview";
import { useCase } from "../use-case";
import { containerSession } from "./container-session";

export interface ContainerInspect {
  inspect: Docker.ContainerInspectInfo;
  /** False when env values and other secrets were taken out for this actor. */
  secretsVisible: boolean;
  /** The Overview tab's facts, read from the (possibly redacted) inspect. */
  overview: ContainerOverview;
}

/** `docker inspect` for one container; viewers get it with env values and secret-looking labels redacted. */
export function inspectContainer(
  actor: Actor | null,
  input: { endpointId: string; containerId: string },
): Promise<ContainerInspect> {
  const spec = { permission: "container:read" as const, resource: { endpointId: input.endpointId }, engine: true };
  return useCase(actor, spec, async (me) => {
    const { containerId } = containerSession(me, "container:read", input.endpointId, input.containerId);
    const inspect = await dockerOf(input.endpointId).api.getContainer(containerId).inspect();
    const secretsVisible = can(me, "container:inspect-secrets", { endpointId: input.endpointId });
    const shown = secretsVisible ? inspect : redactInspect(inspect);
    return { inspect: shown, secretsVisible, overview: toOverview(shown) };
  });
}

export interface ContainerTop {
  titles: string[];
  processes: string[][];
}

/** The processes running in a container (`docker top`); empty when it is not running. */
export function topContainer(
  actor: Actor | null,
  input: { endpointId: string; containerId: string },
): Promise<ContainerTop> {
  const spec = { permission: "container:read" as const, resource: { endpointId: input.endpointId }, engine: true };
  return useCase(actor, spec, async (me) => {
    const { containerId } = containerSession(me, "container:read", input.endpointId, input.containerId);
    try {
      const top = (await dockerOf(input.endpointId).api.getContainer(containerId).top()) as {
        Titles?: string[];
        Processes?: string[][];
      };
      return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
    } catch (err) {
      // Not running: no processes to show.
      if ((err as { statusCode?: number }).statusCode === 409) return { titles: [], processes: [] };
      throw err;
    }
  });
}
