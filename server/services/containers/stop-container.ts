import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import { type OpContext, runContainerOp } from "./container-op";
import { withGrace } from "./grace";

export function stopContainer(actor: Actor | null, input: ContainerActionInput, ctx?: OpContext): Promise<void> {
  return runContainerOp(
    actor,
    input,
    "container.stop",
    (c, session) => withGrace(session, c.id).then((g) => g.stop()),
    ctx,
  );
}
