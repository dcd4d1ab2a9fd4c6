import type Docker from "dockerode";
import {
  checkServiceSpec,
  describeViolations,
  serviceNetworkTargets,
  type VolumeInfo,
} from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { ForbiddenError } from "@/lib/errors";
import { lookUpNetworks } from "../containers/restriction-lookups";
import { loadContainerRestrictions } from "../settings/container-restrictions";

/**
 * Non-admins get the same restrictions for services as for containers (bind mounts, host network, capabilities,
 * security options...). Named volume mounts are looked up on the manager, since a volume made with bind driver
 * options is a bind mount in disguise. Throws the refusal naming every rule that refused.
 */
export async function assertServiceAllowed(actor: Actor, api: Docker, spec: unknown): Promise<void> {
  if (actor.isAdmin) return;
  const rules = await loadContainerRestrictions();
  const volumes: Record<string, VolumeInfo> = {};
  const mounts = (spec as { TaskTemplate?: { ContainerSpec?: { Mounts?: { Type?: string; Source?: string }[] } } })
    ?.TaskTemplate?.ContainerSpec?.Mounts;
  if (rules.bindMounts)
    for (const m of (mounts ?? []).slice(0, 50)) {
      if (m.Type !== "volume" || !m.Source) continue;
      try {
        volumes[m.Source] = (await api.getVolume(m.Source).inspect()) as VolumeInfo;
      } catch {
        // Not on the manager: a task creates it plain where it runs.
      }
    }
  let networks = {};
  if (rules.hostNetwork) {
    const found = await lookUpNetworks(api, serviceNetworkTargets(spec));
    if (found.refusal) throw new ForbiddenError(found.refusal);
    networks = found.networks;
  }
  const violations = checkServiceSpec(spec, rules, { volumes, networks });
  if (violations.length) throw new ForbiddenError(describeViolations(violations));
}
