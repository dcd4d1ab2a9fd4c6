import type { EditContainerInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { editToCreateBody, liveUpdateFor } from "@/server/endpoints/docker/container-edit";
import type { ImageConfigLike, InspectLike } from "@/server/endpoints/docker/container-spec-map";
import { dockerUserError } from "@/server/endpoints/docker/engine-errors";
import { type UseCaseContext, useCase } from "../use-case";
import { ensureImage, longClient, pulledNote, restrictionRefusal } from "./engine";
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
export function editContainer(
  actor: Actor | null,
  input: EditContainerInput,
  ctx?: UseCaseContext,
): Promise<EditedContainer> {
  const spec = {
    audit: "container.edit",
    permission: ["container:operate", "container:create"] as const,
    resource: { endpointId: input.endpointId },
    target: input.containerId,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const session = dockerOf(input.endpointId);
      const api = longClient(session);
      const inspect = await api.getContainer(input.containerId).inspect();
      const name = inspect.Name.replace(/^\//, "");
      note.target = name;
      note.step = short(inspect.Id);
      if (input.spec.name && input.spec.name !== name)
        throw new UserError(`Edit keeps the name ${name}; use Rename to change it`, 400);

      const image = await api
        .getImage(inspect.Image)
        .inspect()
        .then((i) => i.Config as ImageConfigLike)
        .catch(() => undefined);
      const old = inspect as unknown as InspectLike;
      const next = editToCreateBody(old, input.spec, image);
      const refusal = await restrictionRefusal(me, api, next.body);
      if (refusal) throw new ForbiddenError(refusal);

      let changed = "";
      const live = liveUpdateFor(old, image, input.spec);
      if (live) {
        try {
          await api.getContainer(inspect.Id).update(live);
          note.detail = `${short(inspect.Id)} updated in place (restart policy, memory and CPU limits); id unchanged`;
          return { id: inspect.Id, previousId: inspect.Id, name, mode: "updated" as const };
        } catch (err) {
          // The engine refuses some updates a new container would take (a swap limit in the way): replace instead.
          changed = `; update in place refused (${dockerUserError(err).message}), replaced instead`;
        }
      }

      const pull = await ensureImage(api, next.body.Image);
      const done = await replaceContainer(session, inspect, next, {
        action: spec.audit,
        actorName: me.username,
      });
      const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
      note.detail = `${next.body.Image}${pulledNote(pull)}: ${short(inspect.Id)} -> ${short(done.id)}${leftover}${changed}`;
      return { id: done.id, previousId: inspect.Id, name, mode: "replaced" as const };
    },
    ctx,
  );
}
