import type Docker from "dockerode";
import type { RecreateContainerInput } from "@/lib/container-spec";
import { type InspectLike, inspectToCreateBody } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "./container-op";
import { engineError, longClient, pulledNote, pullImage, restrictionRefusal } from "./engine";
import { replaceContainer } from "./replace-container";

export interface RecreatedContainer {
  id: string;
  name: string;
}

/**
 * Replaces a container with a new one made from its own inspect (optionally after pulling its image again), through
 * replaceContainer (the same swap and rollback as Edit). A recreate is a create, so a non-admin's is held to the same
 * restrictions.
 */
export async function recreateContainer(
  actor: Actor | null,
  input: RecreateContainerInput,
  ctx: OpContext = {},
): Promise<RecreatedContainer> {
  const audit = {
    actor,
    action: "container.recreate",
    endpointId: input.endpointId,
    target: input.containerId,
    source: ctx.source,
  };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
    authorize(actor, "container:create", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = dockerOf(input.endpointId);
  const api = longClient(session);
  const fail = async (err: unknown, step: string) => {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: `${step}: ${e.message}` });
    return e;
  };

  let inspect: Docker.ContainerInspectInfo;
  try {
    inspect = await api.getContainer(input.containerId).inspect();
  } catch (err) {
    throw await fail(err, "inspect");
  }
  const name = inspect.Name.replace(/^\//, "");
  audit.target = name;
  const { body, extraNetworks } = inspectToCreateBody(inspect as unknown as InspectLike);
  let refusal: string | null;
  try {
    refusal = await restrictionRefusal(actor, api, body);
  } catch (err) {
    throw await fail(err, "check");
  }
  if (refusal) {
    await recordAudit({ ...audit, outcome: "denied", detail: refusal });
    throw new ForbiddenError(refusal);
  }
  let pull: { registry: string | null } | null = null;
  if (input.pull) {
    try {
      pull = await pullImage(api, body.Image);
    } catch (err) {
      throw await fail(err, `pull ${body.Image}`);
    }
  }

  try {
    const done = await replaceContainer(
      session,
      inspect,
      { body, extraNetworks },
      { action: audit.action, actorName: actor?.username ?? "(anonymous)" },
    );
    const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
    await recordAudit({
      ...audit,
      outcome: "success",
      detail: `${body.Image}${pulledNote(pull)} -> ${done.id.slice(0, 12)}${leftover}`,
    });
    return { id: done.id, name };
  } catch (err) {
    throw await fail(err, "replace");
  }
}
