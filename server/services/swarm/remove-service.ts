import type { Actor } from "@/lib/domain";
import type { UseCaseContext } from "../use-case";
import { swarmOp } from "./swarm-op";
import { readService } from "./update-service";

export function removeService(
  actor: Actor | null,
  input: { endpointId: string; serviceId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.remove",
      endpointId: input.endpointId,
      target: input.serviceId,
    },
    async (api, store) => {
      const cur = await readService(api, store, input.serviceId);
      await api.getService(cur.id).remove();
      await store.refresh("services");
    },
    ctx,
  );
}
