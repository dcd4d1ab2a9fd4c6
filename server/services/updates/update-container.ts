import type Docker from "dockerode";
import { deleteImageUpdate } from "@/db/update-queries";
import { type ImageConfigLike, type InspectLike, inspectToCreateBody } from "@/lib/container-spec-map";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import { localDigestFor, parseImageRef } from "@/lib/registry-ref";
import { withoutImageDefaults } from "@/lib/update-body";
import type { UpdateContainerInput, UpdateOutcome } from "@/lib/updates";
import { dockerOf } from "@/server/endpoints/access";
import { runtime } from "@/server/runtime";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import type { OpContext } from "../containers/container-op";
import { engineError, longClient, pullImage, restrictionRefusal } from "../containers/engine";
import { replaceContainer } from "../containers/replace-container";
import { runEndpointCheck, updateEvents } from "./check-updates";

/** Without a healthcheck, the new container must keep running this long (at most the grace asked for). */
const RUNNING_PROOF_S = 10;
const POLL_MS = 500;

type HealthInspect = {
  State: { Running: boolean; Restarting?: boolean; ExitCode?: number; Health?: { Status?: string } };
  RestartCount?: number;
  Config?: { Healthcheck?: { Test?: string[] } };
};

/**
 * Waits until the new container proves itself: healthy, if its image or settings have a healthcheck, within the
 * grace period; else still running (and not restarting) after min(grace, 10 s). Throws a UserError saying what went
 * wrong, which makes replaceContainer roll the swap back.
 */
export async function waitUntilWorking(api: Docker, id: string, graceS: number): Promise<string> {
  const c = api.getContainer(id);
  const first = (await c.inspect()) as unknown as HealthInspect;
  const test = first.Config?.Healthcheck?.Test;
  const hasCheck = !!first.State.Health && !!test?.length && test[0] !== "NONE";
  const deadline = Date.now() + (hasCheck ? graceS : Math.min(graceS, RUNNING_PROOF_S)) * 1000;
  for (;;) {
    const s = (await c.inspect()) as unknown as HealthInspect;
    if (!s.State.Running || s.State.Restarting || (s.RestartCount ?? 0) > (first.RestartCount ?? 0))
      throw new UserError(
        `the new container stopped (exit code ${s.State.ExitCode ?? "?"}) instead of running`,
        409,
        "update_failed",
      );
    const health = s.State.Health?.Status;
    if (hasCheck && health === "healthy") return "healthy";
    if (hasCheck && health === "unhealthy")
      throw new UserError("the new container's healthcheck failed (unhealthy)", 409, "update_failed");
    if (Date.now() >= deadline) {
      if (!hasCheck) return `running after ${Math.min(graceS, RUNNING_PROOF_S)} s`;
      throw new UserError(`the new container was not healthy within ${graceS} s (${health})`, 409, "update_failed");
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * One-click update: pull the container's tag again and, when that brought a different image, replace the container
 * through the safe swap (same name, settings and networks), then wait for the new one to be healthy. If it is not, the
 * swap rolls back: the new container goes and the old one, still on the old image, gets its name back and runs; the
 * error says so. Refused before any pull when the image did not come from a registry (nothing to update from).
 */
export async function updateContainer(
  actor: Actor | null,
  input: UpdateContainerInput,
  ctx: OpContext = {},
): Promise<UpdateOutcome> {
  const audit = {
    actor,
    action: "container.update",
    endpointId: input.endpointId,
    target: input.containerId,
    source: ctx.source,
  };
  const fail = async (err: unknown, step: string) => {
    const e = engineError(err);
    await recordAudit({ ...audit, outcome: "failure", detail: `${step}: ${e.message}` });
    return e;
  };
  try {
    authorize(actor, "container:operate", { endpointId: input.endpointId });
    authorize(actor, "container:create", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  const session = dockerOf(input.endpointId);
  const api = longClient(session);

  let inspect: Docker.ContainerInspectInfo;
  let digests: string[];
  let oldImage: ImageConfigLike;
  try {
    inspect = await api.getContainer(input.containerId).inspect();
    const image = (await api.getImage(inspect.Image).inspect()) as { RepoDigests?: string[]; Config?: ImageConfigLike };
    digests = image.RepoDigests ?? [];
    oldImage = image.Config ?? {};
  } catch (err) {
    throw await fail(err, "inspect");
  }
  const name = inspect.Name.replace(/^\//, "");
  audit.target = name;
  const image = inspect.Config.Image;
  const ref = parseImageRef(image);
  const refusal = !ref
    ? `${name} was made from an image id, not a tag: there is nothing to update it to`
    : ref.digest
      ? `${name} is pinned to a digest: there is nothing newer behind it`
      : !localDigestFor(digests, ref)
        ? `${name} runs an image that was not pulled from a registry (${image}): Berth cannot update it`
        : null;
  if (refusal) {
    await recordAudit({ ...audit, outcome: "failure", detail: refusal });
    throw new UserError(refusal, 409, "not_updatable");
  }
  const made = inspectToCreateBody(inspect as unknown as InspectLike);
  // The new image brings its own labels, env, command and healthcheck: only the container's own settings carry over.
  const body = withoutImageDefaults(made.body, oldImage);
  const { extraNetworks } = made;
  let restricted: string | null;
  try {
    restricted = await restrictionRefusal(actor, api, body);
  } catch (err) {
    throw await fail(err, "check");
  }
  if (restricted) {
    await recordAudit({ ...audit, outcome: "denied", detail: restricted });
    throw new ForbiddenError(restricted);
  }
  let newImageId: string;
  try {
    await pullImage(api, image);
    newImageId = ((await api.getImage(image).inspect()) as { Id: string }).Id;
  } catch (err) {
    throw await fail(err, `pull ${image}`);
  }
  const refresh = (id: string) =>
    runEndpointCheck(session, [{ id, name, image }], { only: new Set([id]) }).catch(() => []);
  if (newImageId === inspect.Image) {
    await refresh(inspect.Id);
    await recordAudit({ ...audit, outcome: "success", detail: `${image}: already the newest image` });
    return { outcome: "current", id: inspect.Id, name, message: `${name} already runs the newest ${image}` };
  }

  const short = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);
  let proof = "";
  try {
    const done = await replaceContainer(
      session,
      inspect,
      {
        body,
        extraNetworks,
        verify: async (id) => {
          proof = await waitUntilWorking(api, id, input.graceSeconds);
        },
      },
      { action: audit.action, actorName: actor?.username ?? "(anonymous)" },
    );
    await deleteImageUpdate(runtime().db, input.endpointId, inspect.Id).catch(() => {});
    updateEvents().emit("diff", input.endpointId, { upsert: [], remove: [inspect.Id] });
    await refresh(done.id);
    const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
    await recordAudit({
      ...audit,
      outcome: "success",
      detail: `${image}: ${short(inspect.Image)} -> ${short(newImageId)}, ${proof}${leftover}`,
    });
    return { outcome: "updated", id: done.id, name, message: `${name} now runs the new ${image} (${proof})` };
  } catch (err) {
    const e = engineError(err);
    // replaceContainer's message says what failed and how the rollback went ("... (rolled back: ...)").
    if (/\(rolled back/.test(e.message)) e.message = `Update of ${name} rolled back to the old image: ${e.message}`;
    await refresh(inspect.Id);
    throw await fail(e, "replace");
  }
}
