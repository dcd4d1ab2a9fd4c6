import type { CreateContainerInput } from "@/lib/container-spec";
import { specToCreateBody } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "./container-op";
import { engineError, ensureImage, longClient, pulledNote, restrictionRefusal } from "./engine";

export interface CreatedContainer {
  id: string;
  name: string;
  pulled: boolean;
}

/**
 * Creates (and by default starts) a container from the form's spec: authorize, apply the admin's restrictions to
 * non-admins, pull the image if the engine lacks it, create, start. Every outcome is audited.
 */
export async function createContainer(
  actor: Actor | null,
  input: CreateContainerInput,
  ctx: OpContext = {},
): Promise<CreatedContainer> {
  const { name, body } = specToCreateBody(input.spec);
  const audit = {
    actor,
    action: "container.create",
    endpointId: input.endpointId,
    target: name ?? input.spec.image,
    source: ctx.source,
  };
  try {
    authorize(actor, "container:create", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = dockerOf(input.endpointId);
  const api = longClient(session);
  let refusal: string | null;
  try {
    refusal = await restrictionRefusal(actor, api, body);
  } catch (err) {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: e.message });
    throw e;
  }
  if (refusal) {
    await recordAudit({ ...audit, outcome: "denied", detail: refusal });
    throw new ForbiddenError(refusal);
  }
  let id: string | undefined;
  try {
    const pull = await ensureImage(api, body.Image);
    const container = await api.createContainer({ ...body, ...(name ? { name } : {}) });
    id = container.id;
    if (input.start) await container.start();
    const info = await container.inspect().catch(() => null);
    const finalName = info?.Name?.replace(/^\//, "") ?? name ?? id.slice(0, 12);
    await recordAudit({
      ...audit,
      target: finalName,
      outcome: "success",
      detail: `${body.Image}${pulledNote(pull)}${input.start ? ", started" : ""}`,
    });
    return { id, name: finalName, pulled: pull !== null };
  } catch (err) {
    const e = engineError(err);
    // Created but not started: the container exists, and the user must know that before trying again.
    if (id) e.message = `Created ${name ?? id.slice(0, 12)} but could not start it: ${e.message}`;
    await recordAudit({ ...audit, outcome: "failure", detail: e.message });
    throw e;
  }
}
