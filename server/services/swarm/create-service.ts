import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { ServiceForm } from "@/lib/swarm-schemas";
import { toServiceSpec } from "@/lib/swarm-service-spec";
import type { SwarmStore } from "@/server/endpoints/docker/swarm-store";
import type { UseCaseContext } from "../use-case";
import { assertServiceAllowed } from "./service-restrictions";
import { findIn, swarmOp } from "./swarm-op";

/** Secret and config names to ids, from the live stores. */
export function refsOf(store: SwarmStore) {
  return {
    secretId: (n: string) => findIn(store.stores.secrets.values(), n, (s) => s.name)?.id,
    configId: (n: string) => findIn(store.stores.configs.values(), n, (c) => c.name)?.id,
  };
}

/** Builds the engine spec from the form; a missing secret or config is the user's to fix. */
export function specFor(form: ServiceForm, store: SwarmStore, previous?: Record<string, unknown>) {
  try {
    return toServiceSpec(form, refsOf(store), previous);
  } catch (err) {
    throw new UserError((err as Error).message, 400, "bad_reference");
  }
}

export function createService(
  actor: Actor | null,
  input: { endpointId: string; service: ServiceForm },
  ctx?: UseCaseContext,
): Promise<{ id: string }> {
  const f = input.service;
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.create",
      endpointId: input.endpointId,
      target: f.name,
      detail: `${f.image}, ${f.mode === "global" ? "global" : `${f.replicas} replica(s)`}`,
    },
    async (api, store, who) => {
      const spec = specFor(f, store);
      await assertServiceAllowed(who, api, spec);
      const created = (await api.createService(spec as never)) as unknown as { id?: string; ID?: string };
      await store.refresh("services");
      return { id: created.id ?? created.ID ?? "" };
    },
    ctx,
  );
}
