"use client";

import { useState } from "react";
import type { BulkAction, BulkItemOutcome, BulkReport } from "@/components/ui/data-table/bulk-toolbar";
import type { BulkVerb } from "@/lib/bulk-schemas";
import type { ContainerSummary } from "@/lib/domain";
import { bulkContainerAction } from "@/server/actions/containers/bulk-container-actions";

export const CONTAINER_BULK_ACTIONS: (BulkAction & { id: BulkVerb })[] = [
  { id: "start", label: "Start" },
  { id: "stop", label: "Stop" },
  { id: "restart", label: "Restart" },
  { id: "kill", label: "Kill" },
  { id: "pause", label: "Pause" },
  { id: "resume", label: "Resume" },
  { id: "update", label: "Update image" },
  { id: "remove", label: "Remove", danger: true },
];

/**
 * Runs one verb on the chosen containers: one server action call per endpoint (each container authorized and
 * audited on its own by the service), and a per-container outcome for the toolbar's results list.
 */
export function useContainerBulk(endpointName: (id: string) => string) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<BulkReport | null>(null);

  async function run(verb: BulkVerb, chosen: ContainerSummary[]): Promise<BulkReport> {
    setBusy(true);
    setReport(null);
    const label = CONTAINER_BULK_ACTIONS.find((b) => b.id === verb)?.label ?? verb;
    const groups = new Map<string, ContainerSummary[]>();
    for (const c of chosen) groups.set(c.endpointId, [...(groups.get(c.endpointId) ?? []), c]);
    const items: BulkItemOutcome[] = [];
    await Promise.all(
      [...groups].map(async ([endpointId, list]) => {
        const nameOf = new Map(list.map((c) => [c.id, c.name]));
        const all = (error: string) => {
          for (const c of list) items.push({ name: c.name, ok: false, error });
        };
        try {
          const r = await bulkContainerAction({ endpointId, verb, containerIds: list.map((c) => c.id) });
          if (!r.ok) return all(`${endpointName(endpointId)}: ${r.error}`);
          for (const i of r.data)
            items.push({ name: nameOf.get(i.containerId) ?? i.containerId, ok: i.ok, error: i.error });
        } catch {
          all("Berth could not be reached");
        }
      }),
    );
    const result = { label, items };
    setReport(result);
    setBusy(false);
    return result;
  }

  return { busy, report, run, dismiss: () => setReport(null) };
}
