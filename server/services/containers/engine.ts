import Docker from "dockerode";
import { checkCreateBody, describeViolations, referencedVolumes, type VolumeInfo } from "@/lib/container-restrictions";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { describeDockerError } from "@/server/endpoints/docker/connect";
import { loadContainerRestrictions } from "../settings/container-restrictions";

// Engine helpers shared by create, recreate and rename.

const LONG_IDLE_MS = 120_000;

/**
 * The session's client with a longer idle timeout, for calls the engine answers only when done (stop waits for the
 * container to exit; a pull may pause between layers). Same connection settings, so TLS and SSH endpoints work too.
 */
export function longClient(api: Docker): Docker {
  const modem = Object.assign(Object.create(Object.getPrototypeOf(api.modem)), api.modem, { timeout: LONG_IDLE_MS });
  return new Docker({ modem } as Docker.DockerOptions);
}

/** Pulls an image and waits for the end; the engine reports failures inside the progress stream. */
export async function pullImage(api: Docker, image: string): Promise<void> {
  const stream = await api.pull(image);
  await new Promise<void>((resolve, reject) => {
    api.modem.followProgress(
      stream,
      (err: Error | null, out: { error?: string; errorDetail?: { message?: string } }[]) => {
        const failed = err?.message ?? out?.find((o) => o.error)?.error;
        if (failed) reject(new UserError(`Pulling ${image} failed: ${failed}`, 502, "pull_failed"));
        else resolve();
      },
    );
  });
}

/** Pulls the image only when the engine does not have it. */
export async function ensureImage(api: Docker, image: string): Promise<boolean> {
  try {
    await api.getImage(image).inspect();
    return false;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  await pullImage(api, image);
  return true;
}

/** An engine failure in words for the user: the engine's own message when it gave one (name in use, port taken). */
export function engineError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  const e = err as { statusCode?: number; json?: { message?: string } | string };
  const message = typeof e.json === "object" ? e.json?.message : typeof e.json === "string" ? e.json : undefined;
  if (typeof e.statusCode === "number" && message) {
    const status = e.statusCode === 404 ? 404 : e.statusCode === 409 ? 409 : e.statusCode < 500 ? 400 : 502;
    return new UserError(message.trim().slice(0, 500), status, "engine_error");
  }
  return new UserError(describeDockerError(err), 502, "engine_error");
}

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
  const violations = checkCreateBody(body, rules, { volumes });
  return violations.length ? describeViolations(violations) : null;
}
