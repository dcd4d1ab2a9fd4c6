import type { RenameContainerInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { dockerOf } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { type UseCaseContext, useCase } from "../use-case";

export function renameContainer(actor: Actor | null, input: RenameContainerInput, ctx?: UseCaseContext) {
  const spec = {
    audit: "container.rename",
    permission: "container:operate" as const,
    resource: { endpointId: input.endpointId },
    target: input.containerId,
    detail: `renamed to ${input.name}`,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      const session = dockerOf(input.endpointId);
      note.target = session.containers.get(input.containerId)?.name ?? input.containerId;
      note.step = `rename to ${input.name}`;
      await session.client(BUDGET_MS.action).getContainer(input.containerId).rename({ name: input.name });
    },
    ctx,
  );
}
