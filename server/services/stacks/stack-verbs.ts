import type { Actor } from "@/lib/domain";
import type { ComposeDownInput, ComposeVerbInput } from "@/lib/stack-schemas";
import { dockerOf } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { type UseCaseContext, useCase } from "../use-case";
import { type DownOutcome, projectDown, projectVerb } from "./compose-ops";

/** Start, stop or restart every container of a Compose project, whoever deployed it. */
export function composeVerb(actor: Actor | null, input: ComposeVerbInput, ctx?: UseCaseContext): Promise<string[]> {
  return useCase(
    actor,
    {
      audit: `stack.${input.verb}`,
      permission: "container:operate",
      resource: { endpointId: input.endpointId },
      target: input.stack,
      engine: true,
    },
    () => projectVerb(dockerOf(input.endpointId).client(BUDGET_MS.remove), input.stack, input.verb),
    ctx,
  );
}

/** `down`: the project's containers and networks, and with removeVolumes its volumes too (confirmed in the UI). */
export function composeDown(actor: Actor | null, input: ComposeDownInput, ctx?: UseCaseContext): Promise<DownOutcome> {
  return useCase(
    actor,
    {
      audit: "stack.down",
      permission: "container:operate",
      resource: { endpointId: input.endpointId },
      target: input.stack,
      detail: input.removeVolumes ? "with volumes" : "volumes kept",
      engine: true,
    },
    () => projectDown(dockerOf(input.endpointId).client(BUDGET_MS.remove), input.stack, input.removeVolumes),
    ctx,
  );
}
