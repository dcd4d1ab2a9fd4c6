import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { type OpContext, runContainerOp } from "./container-op";

/** SIGKILL: for containers that ignore a stop. */
export function killContainer(actor: Actor | null, input: ContainerActionInput, ctx?: OpContext): Promise<void> {
  return runContainerOp(actor, input, "container.kill", (c) => c.kill(), ctx);
}
