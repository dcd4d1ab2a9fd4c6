import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import type { UseCaseContext } from "../use-case";
import { containerVerb } from "./container-verb";

/** SIGKILL: for containers that ignore a stop. */
export function killContainer(actor: Actor | null, input: ContainerActionInput, ctx?: UseCaseContext): Promise<void> {
  return containerVerb(actor, input, "container.kill", (c) => c.kill(), ctx);
}
