import { redactLabels } from "./redaction";

// What the network and volume pages show above the raw inspect: the engine's answer boiled down to the facts people
// look for, and who uses the thing. Pure, so it runs in unit tests; secret-looking label values are redacted.

export interface NetworkDetail {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  created: string;
  subnets: { subnet: string; gateway: string }[];
  labels: [string, string][];
  containers: { id: string; name: string; ipv4: string; ipv6: string }[];
}

interface EngineNetwork {
  Id?: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Created?: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Labels?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string }> | null;
}

const sortedLabels = (labels: Record<string, string> | null | undefined): [string, string][] =>
  Object.entries(redactLabels(labels ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));

export function networkDetail(raw: unknown): NetworkDetail {
  const n = (raw ?? {}) as EngineNetwork;
  return {
    id: n.Id ?? "",
    name: n.Name ?? "",
    driver: n.Driver ?? "",
    scope: n.Scope ?? "",
    internal: !!n.Internal,
    attachable: !!n.Attachable,
    created: n.Created ?? "",
    subnets: (n.IPAM?.Config ?? []).map((c) => ({ subnet: c.Subnet ?? "", gateway: c.Gateway ?? "" })),
    labels: sortedLabels(n.Labels),
    containers: Object.entries(n.Containers ?? {})
      // Swarm's load-balancer endpoint is listed like a container but is none.
      .filter(([id]) => !id.startsWith("lb-"))
      .map(([id, c]) => ({ id, name: c.Name ?? id.slice(0, 12), ipv4: c.IPv4Address ?? "", ipv6: c.IPv6Address ?? "" }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export interface VolumeDetail {
  name: string;
  driver: string;
  scope: string;
  mountpoint: string;
  created: string;
  labels: [string, string][];
  options: [string, string][];
}

interface EngineVolume {
  Name?: string;
  Driver?: string;
  Scope?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

export function volumeDetail(raw: unknown): VolumeDetail {
  const v = (raw ?? {}) as EngineVolume;
  return {
    name: v.Name ?? "",
    driver: v.Driver ?? "",
    scope: v.Scope ?? "",
    mountpoint: v.Mountpoint ?? "",
    created: v.CreatedAt ?? "",
    labels: sortedLabels(v.Labels),
    options: sortedLabels(v.Options),
  };
}
