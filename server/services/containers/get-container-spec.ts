import type { ContainerSpecInput } from "@/lib/container-spec";
import { type ImageConfigLike, type InspectLike, inspectToSpec } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { dockerOf } from "@/server/endpoints/access";
import { authorize } from "../authorize";
import { engineError } from "./engine";

/**
 * The create form pre-filled from an existing container: for Duplicate (the default), the name gets a "-copy"
 * suffix so the duplicate can be created as is; for Edit it is the container's own. It carries env values, so it is
 * for those who may create containers on the endpoint (and, to edit, operate them), never viewers.
 */
export async function getContainerSpec(
  actor: Actor | null,
  input: ContainerActionInput,
  purpose: "duplicate" | "edit" = "duplicate",
): Promise<ContainerSpecInput> {
  authorize(actor, "container:create", { endpointId: input.endpointId });
  if (purpose === "edit") authorize(actor, "container:operate", { endpointId: input.endpointId });
  const session = dockerOf(input.endpointId);
  try {
    const inspect = (await session.api.getContainer(input.containerId).inspect()) as unknown as InspectLike;
    const image = await session.api
      // The image it actually runs: the defaults Edit compares against (a tag may have moved since).
      .getImage(inspect.Image ?? inspect.Config?.Image ?? "")
      .inspect()
      .then((i) => i.Config as ImageConfigLike)
      .catch(() => undefined);
    const spec = inspectToSpec(inspect, image);
    if (purpose === "edit") return spec;
    return { ...spec, name: spec.name ? `${spec.name}-copy`.slice(0, 128) : "" };
  } catch (err) {
    throw engineError(err);
  }
}
