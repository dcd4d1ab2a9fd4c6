import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import type { UseCaseContext } from "../use-case";
import { containerVerb } from "./container-verb";

export function startContainer(actor: Actor | null, input: ContainerActionInput, ctx?: UseCaseContext): Promise<void> {
  return containerVerb(actor, input, "container.start", (c) => c.start(), ctx);
}
