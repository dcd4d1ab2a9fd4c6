import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { removeStackObjects } from "@/server/endpoints/docker/stack-deploy";
import type { UseCaseContext } from "../use-case";
import { swarmOp } from "./swarm-op";

/** `docker stack rm`: every service, secret, config and network labelled with the stack's namespace. */
export function removeStack(
  actor: Actor | null,
  input: { endpointId: string; stack: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    { permission: "swarm:operate", audit: "swarm.stack.remove", endpointId: input.endpointId, target: input.stack },
    async (api, store) => {
      const { services } = await removeStackObjects(api, input.stack);
      await store.refresh("services");
      if (!services) throw new NotFoundError(`No stack ${input.stack}`);
    },
    ctx,
  );
}
