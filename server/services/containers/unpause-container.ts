import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { type OpContext, runContainerOp } from "./container-op";

/** "Resume" in the UI. */
export function unpauseContainer(actor: Actor | null, input: ContainerActionInput, ctx?: OpContext): Promise<void> {
  return runContainerOp(actor, input, "container.unpause", (c) => c.unpause(), ctx);
}
