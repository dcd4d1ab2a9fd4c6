import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { UseCaseContext } from "../use-case";
import { findIn, swarmOp } from "./swarm-op";

/** Removes a node that is down (the engine refuses a live one without force; Berth does not force). Admins only. */
export function removeNode(
  actor: Actor | null,
  input: { endpointId: string; nodeId: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    { permission: "swarm:nodes", audit: "swarm.node.remove", endpointId: input.endpointId, target: input.nodeId },
    async (api, store) => {
      const node = findIn(store.stores.nodes.values(), input.nodeId, (n) => n.hostname);
      if (!node) throw new NotFoundError(`No node ${input.nodeId}`);
      if (node.state !== "down")
        throw new UserError(`Node ${node.hostname} is ${node.state}: only a down node can be removed`, 409);
      await api.getNode(node.id).remove({});
      await store.refresh("nodes");
    },
    ctx,
  );
}
