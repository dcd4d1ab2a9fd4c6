import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { UseCaseContext } from "../use-case";
import { assertServiceAllowed } from "./service-restrictions";
import { swarmOp } from "./swarm-op";
import { pushUpdate, readService } from "./update-service";

/** Back to the previous spec (`docker service rollback`): the engine does it, with the service's rollback policy. */
export function rollbackService(
  actor: Actor | null,
  input: { endpointId: string; serviceId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.rollback",
      endpointId: input.endpointId,
      target: input.serviceId,
    },
    async (api, store, who) => {
      const cur = await readService(api, store, input.serviceId);
      if (!cur.previous) throw new UserError(`${cur.name} has no previous spec to roll back to`, 409);
      // The spec rolled back to gets the same restrictions as one typed into the form (an admin may have made it).
      await assertServiceAllowed(who, api, cur.previous);
      await pushUpdate(api, cur.id, cur.version, cur.spec, { rollback: "previous" });
      await store.refresh("services");
    },
    ctx,
  );
}
