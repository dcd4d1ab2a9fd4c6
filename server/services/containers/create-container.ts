import type { CreateContainerInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { dockerOf } from "@/server/endpoints/access";
import { specToCreateBody } from "@/server/endpoints/docker/container-spec-map";
import { dockerUserError } from "@/server/endpoints/docker/engine-errors";
import { type UseCaseContext, useCase } from "../use-case";
import { ensureImage, longClient, pulledNote, restrictionRefusal } from "./engine";

export interface CreatedContainer {
  id: string;
  name: string;
  pulled: boolean;
}

/**
 * Creates (and by default starts) a container from the form's spec: authorize, apply the admin's restrictions to
 * non-admins, pull the image if the engine lacks it, create, start. Every outcome is audited.
 */
export function createContainer(
  actor: Actor | null,
  input: CreateContainerInput,
  ctx?: UseCaseContext,
): Promise<CreatedContainer> {
  const { name, body } = specToCreateBody(input.spec);
  const spec = {
    audit: "container.create",
    permission: "container:create" as const,
    resource: { endpointId: input.endpointId },
    target: name ?? input.spec.image,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const api = longClient(dockerOf(input.endpointId));
      const refusal = await restrictionRefusal(me, api, body);
      if (refusal) throw new ForbiddenError(refusal);
      const pull = await ensureImage(api, body.Image);
      const container = await api.createContainer({ ...body, ...(name ? { name } : {}) });
      const id = container.id;
      try {
        if (input.start) await container.start();
      } catch (err) {
        // Created but not started: the container exists, and the user must know that before trying again.
        const e = dockerUserError(err);
        e.message = `Created ${name ?? id.slice(0, 12)} but could not start it: ${e.message}`;
        throw e;
      }
      const info = await container.inspect().catch(() => null);
      const finalName = info?.Name?.replace(/^\//, "") ?? name ?? id.slice(0, 12);
      note.target = finalName;
      note.detail = `${body.Image}${pulledNote(pull)}${input.start ? ", started" : ""}`;
      return { id, name: finalName, pulled: pull !== null };
    },
    ctx,
  );
}
