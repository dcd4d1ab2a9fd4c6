import type { Actor } from "@/lib/domain";
import { type ImageSummary, type PrunePlan, planImagePrune } from "@/lib/resources";
import { BUDGET_MS } from "@/server/endpoints/docker/engine-budget";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../authorize";
import { engineMessage, engineRead, type OpContext, sessionFor } from "../resources/engine-op";
import { readImages } from "./list-images";

/** What "Prune unused images" would delete right now, and how much space at least comes back. */
export function previewImagePrune(actor: Actor | null, endpointId: string): Promise<PrunePlan<ImageSummary>> {
  return engineRead(actor, "image:read", endpointId, async (api) =>
    planImagePrune(await readImages(api, endpointId, true)),
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
export async function pruneImages(
  actor: Actor | null,
  input: { endpointId: string; imageIds: string[] },
  ctx: OpContext = {},
): Promise<PruneResult> {
  const audit = { actor, action: "image.prune", endpointId: input.endpointId, source: ctx.source };
  try {
    authorize(actor, "image:manage", { endpointId: input.endpointId });
  } catch (err) {
    await recordAudit({ ...audit, outcome: "denied", detail: (err as Error).message });
    throw err;
  }
  // Each removal may take a while (layers are deleted from disk); the listing is a read.
  const api = sessionFor(input.endpointId).client(BUDGET_MS.remove);
  const result: PruneResult = { removed: [], skipped: [] };
  try {
    const plan = planImagePrune(await readImages(api, input.endpointId));
    const still = new Map(plan.items.map((i) => [i.imageId, i]));
    for (const id of input.imageIds) {
      const img = still.get(id);
      if (!img) {
        result.skipped.push({ id, reason: "in use or gone since the preview" });
        continue;
      }
      try {
        // Untag every reference first: removing by id refuses an image referenced by several repositories.
        for (const tag of img.repoTags) await api.getImage(tag).remove({ noprune: false });
        await api
          .getImage(id)
          .remove()
          .catch((err: { statusCode?: number }) => {
            if (err?.statusCode !== 404) throw err;
          });
        result.removed.push(id);
      } catch (err) {
        result.skipped.push({ id, reason: engineMessage(err) });
      }
    }
  } catch (err) {
    await recordAudit({ ...audit, outcome: "failure", detail: engineMessage(err) });
    throw err;
  }
  await recordAudit({
    ...audit,
    target: `${result.removed.length} image(s)`,
    outcome: result.skipped.length && !result.removed.length ? "failure" : "success",
    detail: `removed ${result.removed.map((i) => i.slice(7, 19)).join(", ") || "none"}${
      result.skipped.length ? `; skipped ${result.skipped.length}` : ""
    }`,
  });
  return result;
}
