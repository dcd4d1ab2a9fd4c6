import type { BulkContainerInput, BulkItemResult, BulkVerb } from "@/lib/bulk-schemas";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import type { ContainerActionInput } from "@/lib/schemas";
import { DEFAULT_GRACE_SECONDS } from "@/lib/updates";
import { updateContainer } from "../updates/update-container";
import type { UseCaseContext } from "../use-case";
import { killContainer } from "./kill-container";
import { pauseContainer } from "./pause-container";
import { removeContainer } from "./remove-container";
import { restartContainer } from "./restart-container";
import { startContainer } from "./start-container";
import { stopContainer } from "./stop-container";
import { unpauseContainer } from "./unpause-container";

type Op = (actor: Actor | null, input: ContainerActionInput, ctx?: UseCaseContext) => Promise<void>;

const OPS: Record<BulkVerb, Op> = {
  start: startContainer,
  stop: stopContainer,
  kill: killContainer,
  restart: restartContainer,
  pause: pauseContainer,
  resume: unpauseContainer,
  remove: removeContainer,
  // One container's failed update (nothing to update from, pull failed, rolled back) is that container's result, not
  // a refusal of the whole selection.
  update: async (actor, input, ctx) => {
    try {
      await updateContainer(actor, { ...input, graceSeconds: DEFAULT_GRACE_SECONDS }, ctx);
    } catch (err) {
      if (err instanceof UserError && err.status !== 401 && err.status !== 403) throw new UserError(err.message, 409);
      throw err;
    }
  },
};

const PARALLEL = 8;

/**
 * Runs one verb on many containers of an endpoint. Each goes through the single-container service, so each is
 * authorized on its endpoint and audited on its own; a few run at once so a slow stop does not hold up the rest.
 */
export async function bulkContainerOp(
  actor: Actor | null,
  input: BulkContainerInput,
  ctx?: UseCaseContext,
): Promise<BulkItemResult[]> {
  const op = OPS[input.verb];
  const ids = [...new Set(input.containerIds)];
  const results: BulkItemResult[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const containerId = ids[i]!;
      try {
        await op(actor, { endpointId: input.endpointId, containerId }, ctx);
        results[i] = { containerId, ok: true };
      } catch (err) {
        // Refusals (401/403/404) apply to the whole endpoint: stop there rather than audit 1,000 refusals.
        if (err instanceof UserError && err.status !== 409 && err.status !== 404) throw err;
        results[i] = { containerId, ok: false, error: err instanceof UserError ? err.message : "Failed" };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return results;
}
