import type { Actor } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import type { UseCaseContext } from "../use-case";
import { findIn, swarmOp } from "./swarm-op";

/** Removes a secret or config; the engine refuses one a service still uses, and says which. */
export function removeSwarmObject(
  actor: Actor | null,
  input: { endpointId: string; kind: "secret" | "config"; id: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: `swarm.${input.kind}.remove`,
      endpointId: input.endpointId,
      target: input.id,
    },
    async (api, store) => {
      const resource = input.kind === "secret" ? "secrets" : "configs";
      const found = findIn(store.stores[resource].values(), input.id, (o) => o.name);
      if (!found) throw new NotFoundError(`No ${input.kind} ${input.id}`);
      if (input.kind === "secret") await api.getSecret(found.id).remove();
      else await api.getConfig(found.id).remove();
      await store.refresh(resource);
    },
    ctx,
  );
}
