import type { ContainerSpecInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import type { Action } from "@/lib/policy";
import type { ContainerActionInput } from "@/lib/schemas";
import { dockerOf } from "@/server/endpoints/access";
import { type ImageConfigLike, type InspectLike, inspectToSpec } from "@/server/endpoints/docker/container-spec-map";
import { useCase } from "../use-case";

/**
 * The create form pre-filled from an existing container: for Duplicate (the default), the name gets a "-copy"
 * suffix so the duplicate can be created as is; for Edit it is the container's own. It carries env values, so it is
 * for those who may create containers on the endpoint (and, to edit, operate them), never viewers.
 */
export function getContainerSpec(
  actor: Actor | null,
  input: ContainerActionInput,
  purpose: "duplicate" | "edit" = "duplicate",
): Promise<ContainerSpecInput> {
  const permission: Action[] = purpose === "edit" ? ["container:create", "container:operate"] : ["container:create"];
  const spec = { permission, resource: { endpointId: input.endpointId }, engine: true };
  return useCase(actor, spec, async () => {
    const { api } = dockerOf(input.endpointId);
    const inspect = (await api.getContainer(input.containerId).inspect()) as unknown as InspectLike;
    const image = await api
      // The image it actually runs: the defaults Edit compares against (a tag may have moved since).
      .getImage(inspect.Image ?? inspect.Config?.Image ?? "")
      .inspect()
      .then((i) => i.Config as ImageConfigLike)
      .catch(() => undefined);
    const spec = inspectToSpec(inspect, image);
    if (purpose === "edit") return spec;
    return { ...spec, name: spec.name ? `${spec.name}-copy`.slice(0, 128) : "" };
  });
}
