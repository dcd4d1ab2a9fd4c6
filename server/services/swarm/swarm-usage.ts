import type { Actor } from "@/lib/domain";
import { swarmRead } from "./swarm-op";

/**
 * Which services use each secret and config (by name), from the services' specs. The store's summaries do not carry
 * the references, so the specs are read once per call (one list request).
 */
export function swarmObjectUsage(
  actor: Actor | null,
  endpointId: string,
): Promise<{ secrets: Record<string, string[]>; configs: Record<string, string[]> }> {
  return swarmRead(actor, endpointId, async (api) => {
    const services = (await api.listServices()) as {
      Spec?: {
        Name?: string;
        TaskTemplate?: { ContainerSpec?: { Secrets?: { SecretID?: string }[]; Configs?: { ConfigID?: string }[] } };
      };
    }[];
    const secrets: Record<string, string[]> = {};
    const configs: Record<string, string[]> = {};
    for (const s of services) {
      const name = s.Spec?.Name ?? "";
      const cs = s.Spec?.TaskTemplate?.ContainerSpec;
      for (const x of cs?.Secrets ?? []) if (x.SecretID) secrets[x.SecretID] = [...(secrets[x.SecretID] ?? []), name];
      for (const x of cs?.Configs ?? []) if (x.ConfigID) configs[x.ConfigID] = [...(configs[x.ConfigID] ?? []), name];
    }
    return { secrets, configs };
  });
}
