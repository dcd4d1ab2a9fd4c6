import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { type OpContext, runContainerOp } from "./container-op";

export function pauseContainer(actor: Actor | null, input: ContainerActionInput, ctx?: OpContext): Promise<void> {
  return runContainerOp(actor, input, "container.pause", (c) => c.pause(), ctx);
}
