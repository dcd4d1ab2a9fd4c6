import type Docker from "dockerode";
import {
  checkCreateBody,
  describeViolations,
  type NetworkInfo,
  referencedNetworks,
  referencedVolumes,
  type VolumeInfo,
} from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import type { DockerAccess } from "@/server/endpoints/docker/docker-access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { credentialsForImage, pullErrorText } from "../registries/registry-credentials";
import { loadContainerRestrictions } from "../settings/container-restrictions";
import { lookUpNetworks } from "./restriction-lookups";

// Engine helpers shared by create, recreate and rename.

/**
 * The session's client with the deadline of an action (creates, renames, connects: slower than a read on a loaded
 * host). Pulls stream, so they have no deadline once the engine answers; stops ask for their grace (withGrace).
 */
export function longClient(session: DockerAccess): Docker {
  return session.client(BUDGET_MS.action);
}

/**
 * Pulls an image and waits for the end; the engine reports failures inside the progress stream. A saved registry
 * whose host matches the reference lends its credentials, exactly as for a pull from the Images page.
 */
export async function pullImage(api: Docker, image: string): Promise<{ registry: string | null }> {
  const creds = await credentialsForImage(image);
  const registry = creds?.registry ?? null;
  const failed = (reason: string) =>
    new UserError(`Pulling ${image} failed: ${pullErrorText(reason, registry)}`, 502, "pull_failed");
  let stream: NodeJS.ReadableStream;
  try {
    stream = await api.pull(image, creds ? { authconfig: creds.auth } : {});
  } catch (err) {
    // The engine refuses a login (or an unknown image) before streaming anything.
    throw failed(engineMessage(err));
  }
  await new Promise<void>((resolve, reject) => {
    api.modem.followProgress(
      stream,
      (err: Error | null, out: { error?: string; errorDetail?: { message?: string } }[]) => {
        const reason = err?.message ?? out?.find((o) => o.error)?.error;
        if (reason) reject(failed(reason));
        else resolve();
      },
    );
  });
  return { registry };
}

/** Pulls the image only when the engine does not have it: null when it had it, else what the pull used. */
export async function ensureImage(api: Docker, image: string): Promise<{ registry: string | null } | null> {
  try {
    await api.getImage(image).inspect();
    return null;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  return pullImage(api, image);
}

/** How an audit record says a pull happened ("" when none did). */
export const pulledNote = (pull: { registry: string | null } | null) =>
  pull ? ` (pulled${pull.registry ? ` with the credentials of ${pull.registry}` : ""})` : "";

/**
 * The refusal text if a non-admin's create body breaks a restriction in force, else null. Named volumes the body
 * refers to are looked up, because a volume created earlier with bind driver options is a bind mount in disguise.
 */
export async function restrictionRefusal(actor: Actor, api: Docker, body: unknown): Promise<string | null> {
  if (actor.isAdmin) return null;
  const rules = await loadContainerRestrictions();
  const volumes: Record<string, VolumeInfo> = {};
  if (rules.bindMounts) {
    for (const name of referencedVolumes(body).slice(0, 100)) {
      try {
        volumes[name] = (await api.getVolume(name).inspect()) as VolumeInfo;
      } catch (err) {
        // A volume that does not exist yet is created plain by the engine; any other failure is a refusal.
        if ((err as { statusCode?: number }).statusCode !== 404)
          return `Could not check volume ${name}: ${describeDockerError(err)}`;
      }
    }
  }
  let networks: Record<string, NetworkInfo> = {};
  if (rules.hostNetwork) {
    const found = await lookUpNetworks(api, referencedNetworks(body));
    if (found.refusal) return found.refusal;
    networks = found.networks;
  }
  const violations = checkCreateBody(body, rules, { volumes, networks });
  return violations.length ? describeViolations(violations) : null;
}
