import type { RecreateContainerInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { type InspectLike, inspectToCreateBody } from "@/server/endpoints/docker/container-spec-map";
import { type UseCaseContext, useCase } from "../use-case";
import { longClient, pulledNote, pullImage, restrictionRefusal } from "./engine";
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
export function recreateContainer(
  actor: Actor | null,
  input: RecreateContainerInput,
  ctx?: UseCaseContext,
): Promise<RecreatedContainer> {
  const spec = {
    audit: "container.recreate",
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
      note.step = "inspect";
      const inspect = await api.getContainer(input.containerId).inspect();
      const name = inspect.Name.replace(/^\//, "");
      note.target = name;
      const { body, extraNetworks } = inspectToCreateBody(inspect as unknown as InspectLike);
      note.step = "check";
      const refusal = await restrictionRefusal(me, api, body);
      note.step = undefined;
      if (refusal) throw new ForbiddenError(refusal);
      let pull: { registry: string | null } | null = null;
      if (input.pull) {
        note.step = `pull ${body.Image}`;
        pull = await pullImage(api, body.Image);
      }
      note.step = "replace";
      const done = await replaceContainer(
        session,
        inspect,
        { body, extraNetworks },
        { action: spec.audit, actorName: me.username },
      );
      const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
      note.detail = `${body.Image}${pulledNote(pull)} -> ${done.id.slice(0, 12)}${leftover}`;
      return { id: done.id, name };
    },
    ctx,
  );
}
