import type { Actor } from "@/lib/domain";
import { type ImageSummary, type PrunePlan, planImagePrune } from "@/lib/resources";
import { dockerApi } from "@/server/endpoints/access";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { engineMessage } from "@/server/endpoints/docker/engine-errors";
import { type UseCaseContext, useCase } from "../use-case";
import { readImages } from "./list-images";

/** What "Prune unused images" would delete right now, and how much space at least comes back. */
export function previewImagePrune(actor: Actor | null, endpointId: string): Promise<PrunePlan<ImageSummary>> {
  return useCase(actor, { permission: "image:read", resource: { endpointId }, engine: true }, async () =>
    planImagePrune(await readImages(dockerApi(endpointId), endpointId, true)),
  );
}

export interface PruneResult {
  removed: string[];
  /** Previewed images that were not removed, with why (now in use, already gone, engine refused). */
  skipped: { id: string; reason: string }[];
}

/**
 * Deletes exactly the previewed images that are still unused: the plan is recomputed and intersected with the ids the
 * user confirmed, so an image that got a container since the preview is kept. Never a blind engine prune.
 */
export function pruneImages(
  actor: Actor | null,
  input: { endpointId: string; imageIds: string[] },
  ctx?: UseCaseContext,
): Promise<PruneResult> {
  const spec = {
    audit: "image.prune",
    permission: "image:manage" as const,
    resource: { endpointId: input.endpointId },
    engine: true,
  };
  return useCase(
    actor,
    spec,
    async (_actor, note) => {
      // Each removal may take a while (layers are deleted from disk); the listing is a read.
      const api = dockerApi(input.endpointId, BUDGET_MS.remove);
      const result: PruneResult = { removed: [], skipped: [] };
      const plan = planImagePrune(await readImages(api, input.endpointId));
      const still = new Map(plan.items.map((i) => [i.imageId, i]));
      const removeOne = async (id: string, tags: string[]) => {
        // Untag every reference first: removing by id refuses an image referenced by several repositories.
        // A tag already gone (an earlier pass untagged it before the engine refused the id) is not an error.
        for (const tag of tags)
          await api
            .getImage(tag)
            .remove({ noprune: false })
            .catch((err: { statusCode?: number }) => {
              if (err?.statusCode !== 404) throw err;
            });
        await api
          .getImage(id)
          .remove()
          .catch(async (err: { statusCode?: number; message?: string }) => {
            if (err?.statusCode === 404) return;
            // Only digests are left (pushed, then its tag moved on): the engine wants force to drop those
            // references. The image was unused at the confirmed preview's re-check just above.
            if (/must be forced/.test(String(err?.message)))
              return void (await api.getImage(id).remove({ force: true }));
            throw err;
          });
      };
      // Passes until nothing more goes: a parent with unused children can only go after them, as the engine's own
      // prune orders it.
      let pending = input.imageIds.filter((id) => {
        if (still.has(id)) return true;
        result.skipped.push({ id, reason: "in use or gone since the preview" });
        return false;
      });
      let errors = new Map<string, unknown>();
      while (pending.length) {
        errors = new Map();
        for (const id of pending) {
          try {
            await removeOne(id, still.get(id)!.repoTags);
            result.removed.push(id);
          } catch (err) {
            errors.set(id, err);
          }
        }
        if (errors.size === pending.length) break;
        pending = [...errors.keys()];
      }
      for (const [id, err] of errors) result.skipped.push({ id, reason: engineMessage(err) });
      note.target = `${result.removed.length} image(s)`;
      note.outcome = result.skipped.length && !result.removed.length ? "failure" : "success";
      note.detail = `removed ${result.removed.map((i) => i.slice(7, 19)).join(", ") || "none"}${
        result.skipped.length ? `; skipped ${result.skipped.length}` : ""
      }`;
      return result;
    },
    ctx,
  );
}
