"use client";

import { useMemo, useState } from "react";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { UiButton } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { rowKey } from "@/lib/container-filter";
import type { ContainerSummary } from "@/lib/domain";
import { updatesTopic } from "@/lib/topics";
import type { UpdateView } from "@/lib/updates";
import { checkUpdatesAction } from "@/server/actions/updates/update-actions";

/** The last update check per container of these endpoints, live (one updates topic per endpoint). */
export function useUpdates(endpointIds: readonly string[]) {
  const topics = useMemo(() => endpointIds.map(updatesTopic), [endpointIds]);
  const set = useTopicSet<UpdateView>(topics);
  return useMemo(() => {
    const byKey = new Map(set.items.map((u) => [`${u.endpointId}/${u.id}`, u]));
    return { get: (c: Pick<ContainerSummary, "endpointId" | "id">) => byKey.get(rowKey(c)), size: byKey.size };
  }, [set.items]);
}

/** The badge beside an image: only when the check found something to say. */
export function UpdateBadge({ u }: { u: UpdateView | undefined }) {
  if (u?.state === "available")
    return (
      <span
        className="mr-1 rounded bg-amber-100 px-1 font-sans text-[11px] text-amber-900 dark:bg-amber-900 dark:text-amber-100"
        title={`A newer image is behind ${u.image} (checked ${new Date(u.checkedAt).toLocaleString()})`}
      >
        Update available
      </span>
    );
  if (u?.state === "error")
    return (
      <span className="mr-1 font-sans text-[11px] text-red-700 dark:text-red-400" title={u.detail ?? ""}>
        Update check failed
      </span>
    );
  return null;
}

/** "Check for updates" on every endpoint given (those where the user operates), with one toast for the result. */
export function CheckUpdatesButton({ endpointIds }: { endpointIds: string[] }) {
  const [busy, setBusy] = useState(false);
  if (endpointIds.length === 0) return null;
  const run = async () => {
    setBusy(true);
    let checked = 0;
    let available = 0;
    const errors: string[] = [];
    for (const endpointId of endpointIds) {
      try {
        const r = await checkUpdatesAction({ endpointId });
        if (r.ok) {
          checked += r.data.checked;
          available += r.data.available;
        } else errors.push(`${endpointId}: ${r.error}`);
      } catch {
        errors.push(`${endpointId}: Berth could not be reached`);
      }
    }
    setBusy(false);
    if (errors.length) toast.error("Update check failed", { details: errors.join("\n") });
    else
      toast.success(
        available === 0
          ? "All images are up to date"
          : `${available} container${available === 1 ? "" : "s"} can be updated`,
        { description: `${checked} container${checked === 1 ? "" : "s"} checked` },
      );
  };
  return (
    <UiButton variant="outline" disabled={busy} aria-busy={busy || undefined} onClick={() => void run()}>
      {busy ? "Checking for updates…" : "Check for updates"}
    </UiButton>
  );
}
