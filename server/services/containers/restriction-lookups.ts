import type Docker from "dockerode";
import type { NetworkInfo } from "@/lib/container-restrictions";
import { describeDockerError } from "@/server/endpoints/docker/connect";

/** At most this many references of one body are looked up; a body naming more is refused by the engine anyway. */
const MAX_LOOKUPS = 50;

/**
 * The networks a body names, as the engine resolves each reference (name, id or id prefix), so the restrictions
 * judge the network and not the word: the host network named by its id is still the host network. A reference the
 * engine does not know is left out (the engine refuses it at create); any other failure is a refusal, in words.
 */
export async function lookUpNetworks(
  api: Docker,
  refs: readonly string[],
): Promise<{ networks: Record<string, NetworkInfo>; refusal: string | null }> {
  const networks: Record<string, NetworkInfo> = {};
  for (const ref of refs.slice(0, MAX_LOOKUPS)) {
    try {
      const net = (await api.getNetwork(ref).inspect()) as NetworkInfo;
      networks[ref] = { Id: net.Id, Name: net.Name, Driver: net.Driver };
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404)
        return { networks, refusal: `Could not check network ${ref}: ${describeDockerError(err)}` };
    }
  }
  return { networks, refusal: null };
}
