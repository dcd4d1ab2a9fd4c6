"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { HealthBadge } from "@/components/endpoints/HealthBadge";
import { useTopic } from "@/components/realtime/use-topic";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BulkVerb } from "@/lib/bulk-schemas";
import {
  type ContainerFilter,
  EMPTY_FILTER,
  filterAndSort,
  matchesFilter,
  projectsOf,
  rowKey,
  type SortDir,
  type SortKey,
} from "@/lib/container-filter";
import { USAGE_RESORT_MS, usageRanking, usageSortNote } from "@/lib/container-usage";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import { containersTopic } from "@/lib/topics";
import { bulkContainerAction } from "@/server/actions/containers/bulk-container-actions";
import { AllContainersTable } from "./AllContainersTable";
import { BULK_BUTTONS, BulkBar } from "./BulkBar";
import { ContainerFilters } from "./ContainerFilters";
import { UsageFeed, useUsageSampling } from "./usage-feed";

/** Every container the user may see, across endpoints, live: one containers topic per visible endpoint. */
export function AllContainersView(props: {
  endpoints: EndpointView[];
  initial: Record<string, ContainerSummary[]>;
  /** Endpoint ids where the user may operate containers. */
  operable: string[];
}) {
  const endpoints = useTopic<EndpointView>("endpoints", props.endpoints);
  const initial = useMemo(
    () => Object.fromEntries(Object.entries(props.initial).map(([id, l]) => [containersTopic(id), l])),
    [props.initial],
  );
  // Health updates arrive every few seconds; only a change of ids or names should re-sort 1,000 rows.
  const namesKey = endpoints.items
    .map((e) => `${e.id}\u0000${e.name}`)
    .sort()
    .join("\n");
  const names = useMemo(
    () => new Map(namesKey ? namesKey.split("\n").map((l) => l.split("\u0000") as [string, string]) : []),
    [namesKey],
  );
  const topics = useMemo(() => [...names.keys()].map(containersTopic), [names]);
  const containers = useTopicSet<ContainerSummary>(topics, initial);
  const endpointName = (id: string) => names.get(id) ?? id;
  const operable = useMemo(() => new Set(props.operable), [props.operable]);
  const onSelect = useCallback(
    (keys: string[], on: boolean) =>
      setSelected((cur) => {
        const next = new Set(cur);
        for (const k of keys) {
          if (on) next.add(k);
          else next.delete(k);
        }
        return next;
      }),
    [],
  );
  const selectable = useCallback((c: ContainerSummary) => operable.has(c.endpointId), [operable]);
  const [filter, setFilter] = useState<ContainerFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: "name", dir: "asc" });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  // Containers of endpoints that disappeared (removed, or access withdrawn) must not linger.
  const visible = useMemo(() => containers.items.filter((c) => names.has(c.endpointId)), [containers.items, names]);
  const filtered = useMemo(() => visible.filter((c) => matchesFilter(c, filter)), [visible, filter]);

  // CPU and memory: sampled for the running rows near the window; while sorting by them, for every running row of
  // the filtered list too (up to a cap), and the order is redone from the newest figures every few seconds.
  const [usage] = useState(() => new UsageFeed());
  const sortByUsage = sort.key === "cpu" || sort.key === "memory";
  const ranking = useMemo(() => (sortByUsage ? usageRanking(filtered) : null), [filtered, sortByUsage]);
  const [usageTick, setUsageTick] = useState(0);
  useEffect(() => {
    if (!sortByUsage) return;
    let seen = usage.version;
    const timer = setInterval(() => {
      if (usage.version === seen) return;
      seen = usage.version;
      setUsageTick((n) => n + 1);
    }, USAGE_RESORT_MS);
    return () => clearInterval(timer);
  }, [usage, sortByUsage]);
  // usageTick: redone when new figures came in (names stands for endpointName, as before).
  const rows = useMemo(() => {
    const figures = ranking
      ? (c: ContainerSummary) => (ranking.keys.has(rowKey(c)) ? usage.get(rowKey(c)) : undefined)
      : undefined;
    return filterAndSort(filtered, EMPTY_FILTER, sort.key, sort.dir, endpointName, figures);
  }, [filtered, sort, names, ranking, usage, usageTick]);
  const onWindow = useUsageSampling(usage, rows, ranking);
  const byKey = useMemo(() => new Map(visible.map((c) => [rowKey(c), c])), [visible]);
  const chosen = [...selected].map((k) => byKey.get(k)).filter((c): c is ContainerSummary => !!c);
  const sortedEndpoints = [...endpoints.items].sort((a, b) => a.name.localeCompare(b.name));

  async function run(verb: BulkVerb) {
    setBusy(true);
    setMessage(null);
    const label = BULK_BUTTONS.find((b) => b.verb === verb)?.label ?? verb;
    const groups = new Map<string, ContainerSummary[]>();
    for (const c of chosen) groups.set(c.endpointId, [...(groups.get(c.endpointId) ?? []), c]);
    const failures: string[] = [];
    let done = 0;
    await Promise.all(
      [...groups].map(async ([endpointId, list]) => {
        const nameOf = new Map(list.map((c) => [c.id, c.name]));
        try {
          const r = await bulkContainerAction({ endpointId, verb, containerIds: list.map((c) => c.id) });
          if (!r.ok) return void failures.push(`${endpointName(endpointId)}: ${r.error}`);
          for (const item of r.data) {
            if (item.ok) done++;
            else failures.push(`${nameOf.get(item.containerId) ?? item.containerId}: ${item.error}`);
          }
        } catch {
          failures.push(`${endpointName(endpointId)}: Berth could not be reached`);
        }
      }),
    );
    setMessage(`${label}: ${done} done${failures.length ? `; failed: ${failures.join("; ")}` : ""}`);
    if (verb === "remove") setSelected(new Set());
    setBusy(false);
  }

  return (
    <div className="space-y-3">
      <ul aria-label="Endpoint status" className="flex flex-wrap gap-3 text-sm">
        {sortedEndpoints.map((e) => (
          <li key={e.id} className="flex items-center gap-1">
            <span className="font-medium">{e.name}</span>
            <HealthBadge health={e.health} />
            {e.health.state === "down" && <span className="text-xs text-red-700">{e.health.reason}</span>}
            {containers.errors[containersTopic(e.id)] && (
              <span className="text-xs text-red-700">{containers.errors[containersTopic(e.id)]}</span>
            )}
          </li>
        ))}
      </ul>
      <ContainerFilters
        value={filter}
        onChange={setFilter}
        endpoints={sortedEndpoints}
        projects={projectsOf(visible)}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <BulkBar
          count={chosen.length}
          busy={busy}
          onRun={(verb) => (verb === "remove" ? setConfirmRemove(true) : void run(verb))}
          onClear={() => setSelected(new Set())}
        />
        <span className="text-sm text-slate-500">
          {rows.length} of {visible.length} containers
        </span>
      </div>
      {message && (
        <p role="status" className="text-sm">
          {message}
        </p>
      )}
      {ranking && (
        <p id="usage-sort-note" className="text-sm text-slate-600 dark:text-slate-400">
          {usageSortNote(sort.key === "cpu" ? "CPU" : "memory", ranking.running)}
        </p>
      )}
      <AllContainersTable
        rows={rows}
        endpointName={endpointName}
        sort={sort}
        onSort={(key) =>
          setSort((s) =>
            s.key === key
              ? { key, dir: s.dir === "asc" ? "desc" : "asc" }
              : // The busiest first: what one sorts by CPU or memory for.
                { key, dir: key === "cpu" || key === "memory" ? "desc" : "asc" },
          )
        }
        selectable={selectable}
        selected={selected}
        onSelect={onSelect}
        usage={usage}
        onWindow={onWindow}
      />
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove ${chosen.length} container${chosen.length === 1 ? "" : "s"}?`}
          body="The selected containers and their anonymous volumes are deleted, running or not. This cannot be undone."
          confirmLabel="Remove"
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            void run("remove");
          }}
        />
      )}
    </div>
  );
}
