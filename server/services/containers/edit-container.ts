import type Docker from "dockerode";
import { editToCreateBody, liveUpdateFor } from "@/lib/container-edit";
import type { EditContainerInput } from "@/lib/container-spec";
import type { ImageConfigLike, InspectLike } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "./container-op";
import { engineError, ensureImage, longClient, pulledNote, restrictionRefusal } from "./engine";
import { replaceContainer } from "./replace-container";

export interface EditedContainer {
  /** The container now under the name: a new id when replaced, the same one when updated in place. */
  id: string;
  previousId: string;
  name: string;
  mode: "replaced" | "updated";
}

const short = (id: string) => id.slice(0, 12);

/**
 * Edit: the container under the same name gets the form's settings (everything the form does not show is kept).
 * Validated and checked against the admin's restrictions first, like a create. An edit of only the restart policy
 * and the memory and CPU limits is applied in place with the engine's update; anything else replaces the container
 * (see replaceContainer), and any failure there puts the old one back as it was.
 */
export async function editContainer(
  actor: Actor | null,
  input: EditContainerInput,
  ctx: OpContext = {},
): Promise<EditedContainer> {
  const audit = {
    actor,
    action: "container.edit",
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
  const fail = async (err: unknown, detail: (message: string) => string = (m) => m) => {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: detail(e.message) });
    return e;
  };

  let inspect: Docker.ContainerInspectInfo;
  try {
    inspect = await api.getContainer(input.containerId).inspect();
  } catch (err) {
    throw await fail(err);
  }
  const name = inspect.Name.replace(/^\//, "");
  audit.target = name;
  const withId = (m: string) => `${short(inspect.Id)}: ${m}`;
  if (input.spec.name && input.spec.name !== name)
    throw await fail(new UserError(`Edit keeps the name ${name}; use Rename to change it`, 400), withId);

  const image = await api
    .getImage(inspect.Image)
    .inspect()
    .then((i) => i.Config as ImageConfigLike)
    .catch(() => undefined);
  const old = inspect as unknown as InspectLike;
  const next = editToCreateBody(old, input.spec, image);
  let refusal: string | null;
  try {
    refusal = await restrictionRefusal(actor, api, next.body);
  } catch (err) {
    throw await fail(err, withId);
  }
  if (refusal) {
    await recordAudit({ ...audit, outcome: "denied", detail: withId(refusal) });
    throw new ForbiddenError(refusal);
  }

  let note = "";
  const live = liveUpdateFor(old, image, input.spec);
  if (live) {
    try {
      await api.getContainer(inspect.Id).update(live);
      await recordAudit({
        ...audit,
        outcome: "success",
        detail: `${short(inspect.Id)} updated in place (restart policy, memory and CPU limits); id unchanged`,
      });
      return { id: inspect.Id, previousId: inspect.Id, name, mode: "updated" };
    } catch (err) {
      // The engine refuses some updates a new container would take (a swap limit in the way): replace instead.
      note = `; update in place refused (${engineError(err).message}), replaced instead`;
    }
  }

  let pull: { registry: string | null } | null;
  try {
    pull = await ensureImage(api, next.body.Image);
  } catch (err) {
    throw await fail(err, withId);
  }
  try {
    const done = await replaceContainer(session, inspect, next, {
      action: audit.action,
      actorName: actor?.username ?? "(anonymous)",
    });
    const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
    await recordAudit({
      ...audit,
      outcome: "success",
      detail: `${next.body.Image}${pulledNote(pull)}: ${short(inspect.Id)} -> ${short(done.id)}${leftover}${note}`,
    });
    return { id: done.id, previousId: inspect.Id, name, mode: "replaced" };
  } catch (err) {
    throw await fail(err, withId);
  }
}
