import type { Actor } from "@/lib/domain";
import type { UseCaseContext } from "../use-case";
import { swarmOp } from "./swarm-op";
import { pushUpdate, readService } from "./update-service";

/** Force update: every task is replaced even though the spec is unchanged (`docker service update --force`). */
export function redeployService(
  actor: Actor | null,
  input: { endpointId: string; serviceId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.redeploy",
      endpointId: input.endpointId,
      target: input.serviceId,
    },
    async (api, store) => {
      const cur = await readService(api, store, input.serviceId);
      const tt = (cur.spec.TaskTemplate ?? {}) as { ForceUpdate?: number };
      const spec = { ...cur.spec, TaskTemplate: { ...tt, ForceUpdate: (tt.ForceUpdate ?? 0) + 1 } };
      await pushUpdate(api, cur.id, cur.version, spec);
      await store.refresh("services");
    },
    ctx,
  );
}
