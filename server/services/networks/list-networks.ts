import type Docker from "dockerode";
import type { Actor } from "@/lib/domain";
import { redactLabels } from "@/lib/redaction";
import { BUILTIN_NETWORKS, type NetworkContainer, type NetworkSummary } from "@/lib/resources";
import { dockerApi } from "@/server/endpoints/access";
import { type AcrossEndpoints, listAcrossEndpoints } from "../images/list-images";
import { useCase } from "../use-case";

interface EngineNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Created?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
  Containers?: Record<string, { Name?: string; IPv4Address?: string }> | null;
}

/**
 * Networks with their attached containers. The list call leaves `Containers` empty, and a network's inspect has no
 * aliases, so attachments come from the containers' own network settings (one list call, no per-network inspect).
 */
export async function readNetworks(api: Docker, endpointId: string): Promise<NetworkSummary[]> {
  const [networks, containers] = await Promise.all([
    api.listNetworks() as Promise<EngineNetwork[]>,
    api.listContainers({ all: true }),
  ]);
  const attached = new Map<string, NetworkContainer[]>();
  for (const c of containers) {
    const nets = (c.NetworkSettings?.Networks ?? {}) as Record<
      string,
      { NetworkID?: string; IPAddress?: string; Aliases?: string[] | null }
    >;
    for (const n of Object.values(nets)) {
      if (!n.NetworkID) continue;
      const list = attached.get(n.NetworkID) ?? [];
      list.push({
        id: c.Id,
        name: (c.Names?.[0] ?? "").replace(/^\//, ""),
        ipv4: n.IPAddress ?? "",
        aliases: (n.Aliases ?? []).filter((a) => !c.Id.startsWith(a)),
      });
      attached.set(n.NetworkID, list);
    }
  }
  // The list answer has no aliases; inspect only containers on user-defined networks (where aliases exist).
  const netNames = new Map(networks.map((n) => [n.Id, n.Name]));
  const toInspect = containers.filter((c) =>
    Object.values(c.NetworkSettings?.Networks ?? {}).some(
      (n) => n.NetworkID && !BUILTIN_NETWORKS.has(netNames.get(n.NetworkID) ?? "bridge"),
    ),
  );
  const aliases = new Map<string, string[]>();
  for (let i = 0; i < toInspect.length; i += 8) {
    await Promise.all(
      toInspect.slice(i, i + 8).map(async (c) => {
        const info = await api
          .getContainer(c.Id)
          .inspect()
          .catch(() => null);
        for (const n of Object.values(info?.NetworkSettings?.Networks ?? {})) {
          if (n.NetworkID) aliases.set(`${c.Id}/${n.NetworkID}`, n.Aliases ?? []);
        }
      }),
    );
  }
  for (const [netId, list] of attached) {
    for (const c of list) {
      const a = aliases.get(`${c.id}/${netId}`);
      if (a) c.aliases = a.filter((x) => !c.id.startsWith(x) && x !== c.name);
    }
  }
  return networks
    .map((n) => ({
      key: `${endpointId}/${n.Id}`,
      endpointId,
      id: n.Id,
      name: n.Name,
      driver: n.Driver ?? "",
      scope: n.Scope ?? "",
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? "").filter(Boolean),
      gateways: (n.IPAM?.Config ?? []).map((c) => c.Gateway ?? "").filter(Boolean),
      internal: !!n.Internal,
      attachable: !!n.Attachable,
      labels: redactLabels(n.Labels ?? {}),
      containers: (attached.get(n.Id) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      created: n.Created ? Date.parse(n.Created) || 0 : 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listNetworks(actor: Actor | null, endpointId: string): Promise<NetworkSummary[]> {
  return useCase(actor, { permission: "network:read", resource: { endpointId }, engine: true }, () =>
    readNetworks(dockerApi(endpointId), endpointId),
  );
}

export function listNetworksAcross(actor: Actor | null): Promise<AcrossEndpoints<NetworkSummary>> {
  return listAcrossEndpoints(actor, "network:read", readNetworks);
}

/** The engine's inspect of one network, with container names and aliases from readNetworks. */
export function inspectNetwork(actor: Actor | null, endpointId: string, network: string): Promise<unknown> {
  return useCase(actor, { permission: "network:read", resource: { endpointId }, engine: true }, () =>
    dockerApi(endpointId).getNetwork(network).inspect(),
  );
}

/** Swarm state of an endpoint: overlay networks can only be created on an active manager. */
export async function swarmActive(api: Docker): Promise<boolean> {
  const info = (await api.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  return info.Swarm?.LocalNodeState === "active" && !!info.Swarm.ControlAvailable;
}

export function endpointSwarmActive(actor: Actor | null, endpointId: string): Promise<boolean> {
  return useCase(actor, { permission: "network:read", resource: { endpointId }, engine: true }, () =>
    swarmActive(dockerApi(endpointId)),
  );
}
