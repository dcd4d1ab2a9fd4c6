import type { ContainerNetwork, ContainerState, ContainerSummary, PortBinding } from "@/lib/domain";
import { redactLabels } from "@/lib/redaction";

/** The subset of the Engine API's container list item that Berth reads (GET /containers/json). */
export interface EngineContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  State?: string;
  Status?: string;
  Created?: number;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] | null;
  Labels?: Record<string, string> | null;
  NetworkSettings?: {
    Networks?: Record<string, { NetworkID?: string; Aliases?: string[] | null } | null> | null;
  } | null;
}

const STATES = new Set<ContainerState>(["created", "running", "paused", "restarting", "removing", "exited", "dead"]);

export function toContainerSummary(endpointId: string, c: EngineContainer): ContainerSummary {
  const rawName = c.Names?.[0] ?? c.Id.slice(0, 12);
  const state = (c.State ?? "").toLowerCase() as ContainerState;
  const ports: PortBinding[] = (c.Ports ?? []).map((p) => ({
    ip: p.IP || undefined,
    privatePort: p.PrivatePort,
    publicPort: p.PublicPort || undefined,
    type: p.Type,
  }));
  ports.sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
  const summary: ContainerSummary = {
    id: c.Id,
    endpointId,
    name: rawName.startsWith("/") ? rawName.slice(1) : rawName,
    image: c.Image ?? "",
    state: STATES.has(state) ? state : "dead",
    status: c.Status ?? "",
    ports,
    created: (c.Created ?? 0) * 1000,
    // Summaries go to every reader of the endpoint: secret-looking label values never leave in them.
    labels: redactLabels(c.Labels ?? {}),
  };
  const networks = c.NetworkSettings?.Networks;
  if (networks) summary.networks = toContainerNetworks(networks);
  return summary;
}

/** Network attachments, sorted by name; keyed by network id when the engine gives one (names can be reused). */
export function toContainerNetworks(
  networks: Record<string, { NetworkID?: string; Aliases?: string[] | null } | null>,
): ContainerNetwork[] {
  return Object.entries(networks)
    .map(([name, n]) => {
      const out: ContainerNetwork = { id: n?.NetworkID || name, name };
      if (n?.Aliases?.length) out.aliases = [...n.Aliases];
      return out;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
