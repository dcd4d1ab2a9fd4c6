import type Docker from "dockerode";
import { deleteImageUpdate } from "@/db/update-queries";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UserError } from "@/lib/errors";
import { localDigestFor, parseImageRef } from "@/lib/registry-ref";
import type { UpdateContainerInput } from "@/lib/update-schemas";
import type { UpdateOutcome } from "@/lib/updates";
import { dockerOf } from "@/server/endpoints/access";
import {
  type ImageConfigLike,
  type InspectLike,
  inspectToCreateBody,
} from "@/server/endpoints/docker/container-spec-map";
import { withoutImageDefaults } from "@/server/endpoints/docker/update-body";
import { runtime } from "@/server/runtime";
import { longClient, pullImage, restrictionRefusal } from "../containers/engine";
import { replaceContainer } from "../containers/replace-container";
import { type UseCaseContext, useCase } from "../use-case";
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
 * One-click update: pull the container's tag and, when that brought a different image, replace the container
 * through the safe swap (same name, settings and networks, without the old image's own defaults), then wait for the
 * new one to be healthy. If it is not, the swap rolls back: the new container goes and the old one, still on the old
 * image, gets its name back and runs; the error says so. Refused before any pull when the image did not come from a
 * registry (nothing to update from).
 */
export function updateContainer(
  actor: Actor | null,
  input: UpdateContainerInput,
  ctx?: UseCaseContext,
): Promise<UpdateOutcome> {
  const spec = {
    audit: "container.update",
    permission: ["container:operate", "container:create"] as const,
    resource: { endpointId: input.endpointId },
    target: input.containerId,
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (me, note) => {
      const session = dockerOf(input.endpointId);
      const api = longClient(session);
      note.step = "inspect";
      const inspect = await api.getContainer(input.containerId).inspect();
      const image = (await api.getImage(inspect.Image).inspect()) as {
        RepoDigests?: string[];
        Config?: ImageConfigLike;
      };
      const name = inspect.Name.replace(/^\//, "");
      note.target = name;
      note.step = undefined;
      const ref0 = inspect.Config.Image;
      const ref = parseImageRef(ref0);
      const refusal = !ref
        ? `${name} was made from an image id, not a tag: there is nothing to update it to`
        : ref.digest
          ? `${name} is pinned to a digest: there is nothing newer behind it`
          : !localDigestFor(image.RepoDigests, ref)
            ? `${name} runs an image that was not pulled from a registry (${ref0}): Berth cannot update it`
            : null;
      if (refusal) throw new UserError(refusal, 409, "not_updatable");
      const made = inspectToCreateBody(inspect as unknown as InspectLike);
      // The new image brings its own labels, env, command and healthcheck: only the container's own settings carry over.
      const body = withoutImageDefaults(made.body, image.Config ?? {});
      note.step = "check";
      const restricted = await restrictionRefusal(me, api, body);
      note.step = undefined;
      if (restricted) throw new ForbiddenError(restricted);
      note.step = `pull ${ref0}`;
      await pullImage(api, ref0);
      const newImageId = ((await api.getImage(ref0).inspect()) as { Id: string }).Id;
      note.step = undefined;
      const refresh = (id: string) =>
        runEndpointCheck(session, [{ id, name, image: ref0, labels: inspect.Config.Labels ?? {} }], {
          only: new Set([id]),
        }).catch(() => []);
      if (newImageId === inspect.Image) {
        await refresh(inspect.Id);
        note.detail = `${ref0}: already the newest image`;
        return { outcome: "current", id: inspect.Id, name, message: `${name} already runs the newest ${ref0}` };
      }
      const short = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);
      let proof = "";
      note.step = "replace";
      try {
        const done = await replaceContainer(
          session,
          inspect,
          {
            body,
            extraNetworks: made.extraNetworks,
            verify: async (id) => {
              proof = await waitUntilWorking(api, id, input.graceSeconds);
            },
          },
          { action: spec.audit, actorName: me.username },
        );
        await deleteImageUpdate(runtime().db, input.endpointId, inspect.Id).catch(() => {});
        updateEvents().emit("diff", input.endpointId, { upsert: [], remove: [inspect.Id] });
        await refresh(done.id);
        const leftover = done.leftover ? `; the old container is left as ${done.leftover}` : "";
        note.detail = `${ref0}: ${short(inspect.Image)} -> ${short(newImageId)}, ${proof}${leftover}`;
        return { outcome: "updated", id: done.id, name, message: `${name} now runs the new ${ref0} (${proof})` };
      } catch (err) {
        await refresh(inspect.Id);
        // replaceContainer's message says what failed and how the rollback went ("... (rolled back: ...)").
        if (err instanceof UserError && /\(rolled back/.test(err.message))
          throw new UserError(`Update of ${name} rolled back to the old image: ${err.message}`, 409, "rolled_back");
        throw err;
      }
    },
    ctx,
  );
}
