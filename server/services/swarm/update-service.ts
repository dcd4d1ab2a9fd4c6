import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { NotFoundError, UserError } from "@/lib/errors";
import type { ServiceForm } from "@/lib/swarm-schemas";
import type { SwarmStore } from "@/server/endpoints/docker/swarm-store";
import type { UseCaseContext } from "../use-case";
import { specFor } from "./create-service";
import { assertServiceAllowed } from "./service-restrictions";
import { findIn, swarmOp } from "./swarm-op";

type Spec = Record<string, unknown>;

/** The service's current spec and version, read fresh (an update must name the version it changes). */
export async function readService(api: Docker, store: SwarmStore, ref: string) {
  const found = findIn(store.stores.services.values(), ref, (s) => s.name);
  if (!found) throw new NotFoundError(`No service ${ref}`);
  const raw = (await api.getService(found.id).inspect()) as {
    ID: string;
    Version?: { Index?: number };
    Spec?: Spec;
    PreviousSpec?: Spec;
  };
  return {
    id: raw.ID,
    name: found.name,
    version: raw.Version?.Index ?? 0,
    spec: raw.Spec ?? {},
    previous: raw.PreviousSpec,
  };
}

/** POST /services/{id}/update with the version read; `query` adds e.g. rollback=previous. */
export async function pushUpdate(api: Docker, id: string, version: number, spec: Spec, query: Spec = {}) {
  const res = (await api.getService(id).update({ _query: { version, ...query }, _body: spec } as never)) as {
    Warnings?: string[] | null;
  };
  return res?.Warnings ?? [];
}

/** Edit: the whole form applied over the current spec (what the form does not show is kept). */
export function updateService(
  actor: Actor | null,
  input: { endpointId: string; serviceId: string; service: ServiceForm },
  ctx?: UseCaseContext,
): Promise<void> {
  return swarmOp(
    actor,
    {
      permission: "swarm:operate",
      audit: "swarm.service.update",
      endpointId: input.endpointId,
      target: input.serviceId,
      detail: input.service.image,
    },
    async (api, store, who) => {
      const cur = await readService(api, store, input.serviceId);
      if (input.service.name !== cur.spec.Name) throw new UserError("A service cannot be renamed", 400);
      const spec = specFor(input.service, store, cur.spec);
      await assertServiceAllowed(who, api, spec);
      await pushUpdate(api, cur.id, cur.version, spec);
      await store.refresh("services");
    },
    ctx,
  );
}
