import type { Actor } from "@/lib/domain";
import type { ContainerActionInput } from "@/lib/schemas";
import type { UseCaseContext } from "../use-case";
import { containerVerb } from "./container-verb";
import { withGrace } from "./grace";

export function restartContainer(
  actor: Actor | null,
  input: ContainerActionInput,
  ctx?: UseCaseContext,
): Promise<void> {
  return containerVerb(
    actor,
    input,
    "container.restart",
    (c, session) => withGrace(session, c.id).then((g) => g.restart()),
    ctx,
  );
}
