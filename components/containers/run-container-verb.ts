"use client";

import { toast } from "@/components/ui/toast";
import type { BulkVerb } from "@/lib/bulk-schemas";
import { VERB_DONE, VERB_LABEL } from "@/lib/container-state";
import { bulkContainerAction } from "@/server/actions/containers/bulk-container-actions";
import {
  removeContainerAction,
  restartContainerAction,
  startContainerAction,
  stopContainerAction,
} from "@/server/actions/containers/container-actions";

const SINGLE = {
  start: startContainerAction,
  stop: stopContainerAction,
  restart: restartContainerAction,
  remove: removeContainerAction,
} as const;

type Outcome = { ok: true } | { ok: false; error: string };

/** Start/stop/restart/remove have their own action; kill, pause and resume go through the bulk one with one id. */
async function call(verb: BulkVerb, endpointId: string, containerId: string): Promise<Outcome> {
  if (verb in SINGLE) {
    const r = await SINGLE[verb as keyof typeof SINGLE]({ endpointId, containerId });
    return r.ok ? { ok: true } : { ok: false, error: r.error };
  }
  const r = await bulkContainerAction({ endpointId, verb, containerIds: [containerId] });
  if (!r.ok) return { ok: false, error: r.error };
  const item = r.data[0];
  return item?.ok ? { ok: true } : { ok: false, error: item?.error ?? "The engine did not say why." };
}

/**
 * One lifecycle verb on one container, from a row menu or the container page's header, with a toast saying what
 * happened (or why not, the engine's text behind "Details"). Each action authorizes and audits through its service.
 */
export async function runContainerVerb(
  verb: BulkVerb,
  c: { endpointId: string; id: string; name: string },
): Promise<boolean> {
  let r: Outcome;
  try {
    r = await call(verb, c.endpointId, c.id);
  } catch {
    r = { ok: false, error: "Berth could not be reached." };
  }
  if (r.ok) toast.success(`${VERB_DONE[verb]} ${c.name}`);
  else toast.error(`${VERB_LABEL[verb]} ${c.name} failed`, { details: r.error });
  return r.ok;
}
