import type { NetworkSummary } from "@/lib/domain";
import { redactLabels } from "@/lib/redaction";
/** The subset of the Engine API's network list item that Berth reads (GET /networks). */
export interface EngineNetwork {
  Id: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Labels?: Record<string, string> | null;
}

export function toNetworkSummary(endpointId: string, n: EngineNetwork): NetworkSummary {
  return {
    id: n.Id,
    endpointId,
    name: n.Name || n.Id.slice(0, 12),
    driver: n.Driver ?? "",
    scope: n.Scope ?? "",
    internal: n.Internal === true,
    labels: redactLabels(n.Labels ?? {}),
  };
}
