import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import type { UseCaseContext } from "../use-case";
import { containerVerb } from "./container-verb";

/** Removes a container, running or not (the UI confirms first); its anonymous volumes go with it. */
export function removeContainer(actor: Actor | null, input: ContainerActionInput, ctx?: UseCaseContext): Promise<void> {
  return containerVerb(
    actor,
    input,
    "container.remove",
    (c, session) => session.client(BUDGET_MS.remove).getContainer(c.id).remove({ force: true, v: true }),
    ctx,
  );
}
