import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { ConnectNetworkInput, CreateNetworkInput } from "@/lib/resource-schemas";
import { BUILTIN_NETWORKS } from "@/lib/resources";
import { dockerApi } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { type UseCaseContext, useCase } from "../use-case";
import { swarmActive } from "./list-networks";

export function createNetwork(
  actor: Actor | null,
  input: CreateNetworkInput,
  ctx?: UseCaseContext,
): Promise<{ id: string }> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "network:manage",
      audit: "network.create",
      resource: { endpointId: input.endpointId },
      target: input.name,
      detail: `${input.driver}${input.subnet ? ` ${input.subnet}` : ""}`,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      if (input.driver === "overlay" && !(await swarmActive(api))) {
        throw new UserError("Overlay networks need Swarm: this endpoint is not an active Swarm manager", 400);
      }
      const net = await api.createNetwork({
        Name: input.name,
        Driver: input.driver,
        CheckDuplicate: true,
        Internal: input.internal,
        Attachable: input.attachable,
        Labels: input.labels,
        ...(input.subnet
          ? {
              IPAM: {
                Driver: "default",
                Config: [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }],
              },
            }
          : {}),
        ...(input.driver === "macvlan" ? { Options: { parent: input.parent } } : {}),
      });
      return { id: net.id };
    },
    ctx,
  );
}

export function removeNetwork(
  actor: Actor | null,
  input: { endpointId: string; network: string },
  ctx?: UseCaseContext,
): Promise<void> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "network:manage",
      audit: "network.remove",
      resource: { endpointId: input.endpointId },
      target: input.network,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      if (BUILTIN_NETWORKS.has(input.network)) throw new UserError("The engine's own networks cannot be removed", 400);
      await api.getNetwork(input.network).remove();
    },
    ctx,
  );
}

export function connectNetwork(actor: Actor | null, input: ConnectNetworkInput, ctx?: UseCaseContext): Promise<void> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "network:manage",
      audit: "network.connect",
      resource: { endpointId: input.endpointId },
      target: `${input.container} -> ${input.network}`,
      detail: input.aliases.length ? `aliases ${input.aliases.join(", ")}` : undefined,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      await api.getNetwork(input.network).connect({
        Container: input.container,
        ...(input.aliases.length ? { EndpointConfig: { Aliases: input.aliases } } : {}),
      });
    },
    ctx,
  );
}

export function disconnectNetwork(
  actor: Actor | null,
  input: { endpointId: string; network: string; container: string; force: boolean },
  ctx?: UseCaseContext,
): Promise<void> {
  return useCase(
    actor,
    {
      engine: true,
      permission: "network:manage",
      audit: "network.disconnect",
      resource: { endpointId: input.endpointId },
      target: `${input.container} -x ${input.network}`,
    },
    async () => {
      const api = dockerApi(input.endpointId, BUDGET_MS.action);
      await api.getNetwork(input.network).disconnect({ Container: input.container, Force: input.force });
    },
    ctx,
  );
}
