import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { UseCaseContext } from "../use-case";
import { swarmOp } from "./swarm-op";
import { pushUpdate, readService } from "./update-service";

/** Sets a replicated service's replica count (what `docker service scale` does). */
export function scaleService(
  actor: Actor | null,
  input: { endpointId: string; serviceId: string; replicas: number },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.scale",
      endpointId: input.endpointId,
      target: input.serviceId,
      detail: `${input.replicas} replica(s)`,
    },
    async (api, store) => {
      const cur = await readService(api, store, input.serviceId);
      const mode = (cur.spec.Mode ?? {}) as { Replicated?: { Replicas?: number } };
      if (!mode.Replicated) throw new UserError(`${cur.name} is a global service: it runs one task per node`, 409);
      await pushUpdate(api, cur.id, cur.version, { ...cur.spec, Mode: { Replicated: { Replicas: input.replicas } } });
      await store.refresh("services");
    },
    ctx,
  );
}
