"use client";

import { toast } from "@/components/ui/toast";
import type { BulkVerb } from "@/lib/bulk-schemas";
import { VERB_DONE, VERB_LABEL } from "@/lib/container-state";
import { bulkContainerAction } from "@/server/actions/containers/bulk-container-actions";

/**
 * One lifecycle verb on one container, from a row menu or the container page's header, with a toast saying what
 * happened (or why not, the engine's text behind "Details"). Goes through the bulk action with one id: the same
 * service per container (authorized, audited) as the bulk toolbar, so there is one entry point for all verbs.
 */
export async function runContainerVerb(
  verb: BulkVerb,
  c: { endpointId: string; id: string; name: string },
): Promise<boolean> {
  const failed = (details: string) => {
    toast.error(`${VERB_LABEL[verb]} ${c.name} failed`, { details });
    return false;
  };
  try {
    const r = await bulkContainerAction({ endpointId: c.endpointId, verb, containerIds: [c.id] });
    if (!r.ok) return failed(r.error);
    const item = r.data[0];
    if (!item?.ok) return failed(item?.error ?? "The engine did not say why.");
    toast.success(`${VERB_DONE[verb]} ${c.name}`);
    return true;
  } catch {
    return failed("Berth could not be reached.");
  }
}
