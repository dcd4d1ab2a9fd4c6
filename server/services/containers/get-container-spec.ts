import type { ContainerSpecInput } from "@/lib/container-spec";
import { type ImageConfigLike, type InspectLike, inspectToSpec } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { ContainerActionInput } from "@/lib/schemas";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";
import { engineError } from "./engine";

/**
 * The create form pre-filled from an existing container (Duplicate). It carries env values, so it is for those who
 * may create containers on the endpoint, never viewers. The name gets a "-copy" suffix so the duplicate can be
 * created as is.
 */
export async function getContainerSpec(actor: Actor | null, input: ContainerActionInput): Promise<ContainerSpecInput> {
  authorize(actor, "container:create", { endpointId: input.endpointId });
  const session = runtime().endpoints.session(input.endpointId);
  if (!session) throw new NotFoundError("Endpoint not found");
  try {
    const inspect = (await session.api.getContainer(input.containerId).inspect()) as unknown as InspectLike;
    const image = await session.api
      .getImage(inspect.Config?.Image ?? "")
      .inspect()
      .then((i) => i.Config as ImageConfigLike)
      .catch(() => undefined);
    const spec = inspectToSpec(inspect, image);
    return { ...spec, name: spec.name ? `${spec.name}-copy`.slice(0, 128) : "" };
  } catch (err) {
    throw engineError(err);
  }
}
