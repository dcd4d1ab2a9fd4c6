"use client";

import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { HealthBadge } from "@/components/endpoints/HealthBadge";
import { useTopic } from "@/components/realtime/use-topic";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BulkToolbar } from "@/components/ui/data-table/bulk-toolbar";
import { DataTable, type Selection } from "@/components/ui/data-table/data-table";
import { formatSort, parseSort, type SortState, useUrlState } from "@/components/ui/data-table/use-url-state";
import { toast } from "@/components/ui/toast";
import type { BulkVerb } from "@/lib/bulk-schemas";
import {
  type ContainerFilter,
  EMPTY_FILTER,
  filterAndSort,
  matchesFilter,
  projectsOf,
  rowKey,
  type SortKey,
} from "@/lib/container-filter";
import { VERB_DONE } from "@/lib/container-state";
import { USAGE_RESORT_MS, usageRanking, usageSortNote } from "@/lib/container-usage";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import { containersTopic } from "@/lib/topics";
import type { UpdateView } from "@/lib/updates";
import { ContainerListFilters, type FilterKey } from "./ContainerListFilters";
import { containerColumns } from "./container-columns";
import { CheckUpdatesButton, useUpdates } from "./update-parts";
import { UsageFeed, useUsageSampling } from "./usage-feed";
import { CONTAINER_BULK_ACTIONS, useContainerBulk } from "./use-container-bulk";

const DEFAULT_SORT: SortState = { id: "name", desc: false };

/**
 * The one container list: every endpoint the user may see (/containers, with an endpoint filter), or one endpoint
 * (`fixedEndpoint`, /endpoints/<id>/containers). Live through one containers topic per endpoint; CPU and memory
 * through the usage feed (rows near the window only). Filters, search and sort live in the URL. Checkboxes, the
 * bulk toolbar and the row menu exist only for containers of endpoints where the user may operate (`operable`).
 */
export function ContainerList(props: {
  endpoints: EndpointView[];
  initial: Record<string, ContainerSummary[]>;
  operable: string[];
  fixedEndpoint?: string;
  /** The per-row action menu (only rendered for operable rows), given the row's last update check. */
  rowMenu?: (c: ContainerSummary, update?: UpdateView) => ReactNode;
}) {
  const fixed = props.fixedEndpoint;
  const listPath = fixed ? `/endpoints/${encodeURIComponent(fixed)}/containers` : "/containers";
  const endpoints = useTopic<EndpointView>("endpoints", props.endpoints);
  const shown = useMemo(
    () => endpoints.items.filter((e) => !fixed || e.id === fixed).sort((a, b) => a.name.localeCompare(b.name)),
    [endpoints.items, fixed],
  );
  // Health updates arrive every few seconds; only a change of ids or names should re-sort 1,000 rows.
  const namesKey = shown.map((e) => `${e.id}\u0000${e.name}`).join("\n");
  const names = useMemo(
    () => new Map(namesKey ? namesKey.split("\n").map((l) => l.split("\u0000") as [string, string]) : []),
    [namesKey],
  );
  const endpointName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const initial = useMemo(
    () => Object.fromEntries(Object.entries(props.initial).map(([id, l]) => [containersTopic(id), l])),
    [props.initial],
  );
  const topics = useMemo(() => [...names.keys()].map(containersTopic), [names]);
  const containers = useTopicSet<ContainerSummary>(topics, initial);
  const operable = useMemo(() => new Set(props.operable), [props.operable]);

  const url = useUrlState();
  const v = url.values;
  const filter: ContainerFilter = {
    name: v.q ?? "",
    image: v.image ?? "",
    label: v.label ?? "",
    state: v.state ?? "",
    project: v.project ?? "",
    endpointId: fixed ?? v.endpoint ?? "",
    update: v.update ?? "",
  };
  const filterKey = JSON.stringify(filter);
  const sort = parseSort(v.sort ?? null, DEFAULT_SORT);

  // Containers of endpoints that disappeared (removed, or access withdrawn) must not linger.
  const visible = useMemo(() => containers.items.filter((c) => names.has(c.endpointId)), [containers.items, names]);
  const endpointIds = useMemo(() => [...names.keys()], [names]);
  const updates = useUpdates(endpointIds);
  const updateState = useCallback((c: ContainerSummary) => updates.get(c)?.state, [updates]);
  const filtered = useMemo(
    () => visible.filter((c) => matchesFilter(c, filter, updateState)),
    [visible, filterKey, updateState],
  );

  // CPU and memory: sampled for the running rows near the window; while sorting by them, for every running row of
  // the filtered list too (up to a cap), and the order is redone from the newest figures every few seconds.
  const [usage] = useState(() => new UsageFeed());
  const sortByUsage = sort.id === "cpu" || sort.id === "memory";
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
  // usageTick: redone when new figures came in.
  const rows = useMemo(() => {
    const figures = ranking
      ? (c: ContainerSummary) => (ranking.keys.has(rowKey(c)) ? usage.get(rowKey(c)) : undefined)
      : undefined;
    return filterAndSort(filtered, EMPTY_FILTER, sort.id as SortKey, sort.desc ? "desc" : "asc", endpointName, figures);
  }, [filtered, sort.id, sort.desc, endpointName, ranking, usage, usageTick]);
  const onWindow = useUsageSampling(usage, rows, ranking);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection = useMemo<Selection<ContainerSummary> | undefined>(
    () =>
      operable.size === 0
        ? undefined
        : {
            selectable: (c) => operable.has(c.endpointId),
            selected,
            nameOf: (c) => c.name,
            onChange: (ids, on) =>
              setSelected((cur) => {
                const next = new Set(cur);
                for (const k of ids) on ? next.add(k) : next.delete(k);
                return next;
              }),
          },
    [operable, selected],
  );
  const byKey = useMemo(() => new Map(visible.map((c) => [rowKey(c), c])), [visible]);
  const chosen = [...selected].map((k) => byKey.get(k)).filter((c): c is ContainerSummary => !!c);
  const bulk = useContainerBulk(endpointName);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const runBulk = async (verb: BulkVerb) => {
    const r = await bulk.run(verb, chosen);
    const failed = r.items.filter((i) => !i.ok);
    const n = r.items.length - failed.length;
    if (failed.length === 0) toast.success(`${VERB_DONE[verb]} ${n} container${n === 1 ? "" : "s"}`);
    else
      toast.error(`${r.label}: ${failed.length} of ${r.items.length} failed`, {
        details: failed.map((i) => `${i.name}: ${i.error}`).join("\n"),
      });
    if (verb === "remove") setSelected(new Set());
  };

  const columns = useMemo(
    () => containerColumns({ endpointName, usage, listPath, showEndpoint: !fixed, updateOf: updates.get }),
    [endpointName, usage, listPath, fixed, updates],
  );
  const { rowMenu } = props;
  const menu = useMemo(
    () =>
      rowMenu ? (c: ContainerSummary) => (operable.has(c.endpointId) ? rowMenu(c, updates.get(c)) : null) : undefined,
    [rowMenu, operable, updates],
  );
  const setFilter = (key: FilterKey, value: string, push: boolean) => url.set({ [key]: value }, { push });
  const onSort = useCallback(
    (s: SortState) =>
      url.set({ sort: formatSort(s) === formatSort(DEFAULT_SORT) ? null : formatSort(s) }, { push: true }),
    [url.set],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <ul aria-label="Endpoint status" className="flex flex-wrap gap-3">
          {shown.map((e) => (
            <li key={e.id} className="flex items-center gap-1">
              <span className="font-medium">{e.name}</span>
              <HealthBadge health={e.health} />
              {e.health.state === "down" && (
                <span className="text-xs text-red-700 dark:text-red-400">{e.health.reason}</span>
              )}
              {containers.errors[containersTopic(e.id)] && (
                <span className="text-xs text-red-700 dark:text-red-400">
                  {containers.errors[containersTopic(e.id)]}
                </span>
              )}
            </li>
          ))}
        </ul>
        <span className="ml-auto text-slate-600 dark:text-slate-400" aria-live="polite">
          {containers.live ? "Live" : "Connecting…"}
        </span>
      </div>
      <ContainerListFilters
        values={v}
        onChange={setFilter}
        endpoints={fixed ? null : shown}
        projects={projectsOf(visible)}
      />
      <div className="flex flex-wrap items-start justify-between gap-2">
        {selection ? (
          <BulkToolbar
            count={chosen.length}
            busy={bulk.busy}
            actions={CONTAINER_BULK_ACTIONS}
            onRun={(verb) => (verb === "remove" ? setConfirmRemove(true) : void runBulk(verb as BulkVerb))}
            onClear={() => setSelected(new Set())}
            report={bulk.report}
            onDismiss={bulk.dismiss}
          />
        ) : (
          <span />
        )}
        <span className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
          <CheckUpdatesButton endpointIds={endpointIds.filter((id) => operable.has(id))} />
          {rows.length} of {visible.length} containers
        </span>
      </div>
      {ranking && (
        <p id="usage-sort-note" className="text-sm text-slate-600 dark:text-slate-400">
          {usageSortNote(sort.id === "cpu" ? "CPU" : "memory", ranking.running)}
        </p>
      )}
      <DataTable
        label={fixed ? "Containers" : "All containers"}
        data={rows}
        columns={columns}
        getRowId={rowKey}
        sort={sort}
        onSort={onSort}
        manualSorting
        selection={selection}
        rowMenu={menu}
        onWindow={onWindow}
        minWidth={fixed ? "60rem" : "68rem"}
        empty={visible.length === 0 ? "No containers yet." : "No containers match these filters."}
      />
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove ${chosen.length} container${chosen.length === 1 ? "" : "s"}?`}
          body="The selected containers and their anonymous volumes are deleted, running or not. This cannot be undone."
          confirmLabel="Remove"
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            void runBulk("remove");
          }}
        />
      )}
    </div>
  );
}
