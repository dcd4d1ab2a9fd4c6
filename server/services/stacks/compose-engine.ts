import crypto from "node:crypto";
import type Docker from "dockerode";
import { COMPOSE_LABEL } from "@/lib/compose/project-labels";
import { UserError } from "@/lib/errors";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import type { ProgressMessage } from "@/server/endpoints/docker/pull-progress";
import { credentialsForImage, pullErrorText } from "../registries/registry-credentials";

// Small engine steps a Compose deploy is made of: project containers by label, image presence and pulls with
// progress, waiting on a dependency's condition, and the config hash Compose compares to decide on a recreate.

export type Json = Record<string, unknown>;

export interface ProjectContainer {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  State: string;
  Status: string;
  Labels: Record<string, string>;
}

/** A failure a user can act on, naming the service it happened in. */
export class DeployError extends UserError {
  static readonly kind: string = "DeployError";
  constructor(
    readonly service: string | undefined,
    message: string,
  ) {
    super(service ? `service ${service}: ${message}` : message, 409, "deploy_failed");
  }
}

export async function projectContainers(api: Docker, project: string): Promise<ProjectContainer[]> {
  return (await api.listContainers({
    all: true,
    filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
  })) as unknown as ProjectContainer[];
}

export const containerNumber = (c: { Labels: Record<string, string> }) =>
  Number(c.Labels[COMPOSE_LABEL.number] ?? "0") || 0;

/** Canonical JSON (keys sorted) so the same settings always hash the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

export const configHash = (v: unknown) => crypto.createHash("sha256").update(canonical(v)).digest("hex");

/** Why a service with `build:` cannot be deployed: its image is not on the engine, and Berth has no builder. */
export const unbuiltImage = (service: string, image: string) =>
  `services.${service}.build: Berth does not build images (it deploys through the Engine API, with no builder) and the engine has no image ${image}: build it there (docker build -t ${image} <context>), then deploy again`;

/** The image's id on the engine, or null when it is not there. */
export async function imageId(api: Docker, image: string): Promise<string | null> {
  try {
    return ((await api.getImage(image).inspect()) as { Id: string }).Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** Pulls an image, reporting each progress message; saved registry credentials are used as on the Images page. */
export async function pullWithProgress(
  api: Docker,
  image: string,
  onProgress: (msg: ProgressMessage) => void,
): Promise<void> {
  const creds = await credentialsForImage(image);
  const registry = creds?.registry ?? null;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await api.pull(image, creds ? { authconfig: creds.auth } : {});
  } catch (err) {
    throw new Error(pullErrorText(engineMessage(err), registry));
  }
  await new Promise<void>((resolve, reject) => {
    api.modem.followProgress(
      stream,
      (err: Error | null, out: ProgressMessage[]) => {
        const reason = err?.message ?? out?.find((o) => o.error)?.error;
        if (reason) reject(new Error(pullErrorText(reason, registry)));
        else resolve();
      },
      (msg: ProgressMessage) => onProgress(msg),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until every container of a dependency meets its condition: started (running), healthy, or exited with 0.
 * Fails at once when it cannot happen any more (unhealthy, exited, a non-zero exit).
 */
export async function waitForCondition(
  api: Docker,
  dep: string,
  ids: string[],
  condition: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const s = (
        (await api.getContainer(id).inspect()) as {
          State: { Status: string; ExitCode: number; Health?: { Status: string } };
        }
      ).State;
      if (condition === "service_completed_successfully") {
        if (s.Status === "exited" || s.Status === "dead") {
          if (s.ExitCode === 0) break;
          throw new Error(`dependency ${dep} exited with code ${s.ExitCode}`);
        }
      } else if (condition === "service_healthy") {
        if (!s.Health) throw new Error(`dependency ${dep} has no healthcheck, so it can never be healthy`);
        if (s.Health.Status === "healthy") break;
        if (s.Health.Status === "unhealthy") throw new Error(`dependency ${dep} is unhealthy`);
        if (s.Status === "exited" || s.Status === "dead")
          throw new Error(`dependency ${dep} exited (code ${s.ExitCode}) before it was healthy`);
      } else if (s.Status === "running" || s.Status === "exited") break;
      if (Date.now() > deadline)
        throw new Error(
          `dependency ${dep} did not become ${condition.replace("service_", "")} in ${timeoutMs / 1000} s`,
        );
      await sleep(400);
    }
  }
}
