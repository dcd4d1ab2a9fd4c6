import type { RenameContainerInput } from "@/lib/container-spec";
import type { Actor } from "@/lib/domain";
import { dockerOf } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "./container-op";
import { engineError } from "./engine";

export async function renameContainer(actor: Actor | null, input: RenameContainerInput, ctx: OpContext = {}) {
  const audit = {
    actor,
    action: "container.rename",
    endpointId: input.endpointId,
    target: input.containerId,
    source: ctx.source,
  };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = dockerOf(input.endpointId);
  const known = session.containers.get(input.containerId);
  if (known) audit.target = known.name;
  try {
    await session.client(BUDGET_MS.action).getContainer(input.containerId).rename({ name: input.name });
    await recordAudit({ ...audit, outcome: "success", detail: `renamed to ${input.name}` });
  } catch (err) {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: `rename to ${input.name}: ${e.message}` });
    throw e;
  }
}
