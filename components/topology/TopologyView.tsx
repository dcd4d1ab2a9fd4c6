"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useUrlState } from "@/components/ui/data-table/use-url-state";
import type { EndpointView } from "@/lib/domain";
import {
  combineTopologies,
  connections,
  type TopologyGraph as Graph,
  graphFromElements,
  nodeAccessibleName,
  type TopologyElement,
} from "@/lib/topology";
import { filterChoices, filterTopology, findNodes, isFiltered, type TopologyFilter } from "@/lib/topology-filter";
import { ConnectionsTable, containerHref } from "./ConnectionsTable";
import { TopologyToolbar } from "./TopologyToolbar";
import { useLayout } from "./use-layout";
import { useTopologies } from "./use-topologies";

// React Flow is the page's heaviest part (about 60 kB compressed): it loads after the page is up, while the toolbar
// and the Connections table (the same graph, as text) show at once.
const TopologyGraph = dynamic(() => import("./TopologyGraph").then((m) => m.TopologyGraph), {
  ssr: false,
  loading: () => <p className="p-3 text-sm text-slate-600 dark:text-slate-400">Loading the graph…</p>,
});

/** React Flow's own smallest zoom (TopologyGraph's minZoom): a filtered graph is fitted whole. */
const FILTERED_FIT_MIN_ZOOM = 0.02;

/** The live graph of one or several endpoints, with the same graph as a table beside it. */
export function TopologyView(props: { endpoints: EndpointView[]; initial: Record<string, TopologyElement[]> }) {
  const router = useRouter();
  const ids = useMemo(() => props.endpoints.map((e) => e.id), [props.endpoints]);
  const { items, status } = useTopologies(ids, props.initial);
  const multi = props.endpoints.length > 1;
  const graph: Graph = useMemo(() => {
    if (!multi) return graphFromElements(items.get(ids[0] ?? "")?.values() ?? []);
    return combineTopologies(
      props.endpoints.map((e) => ({
        endpointId: e.id,
        name: e.name,
        graph: graphFromElements(items.get(e.id)?.values() ?? []),
      })),
    );
  }, [items, ids, multi, props.endpoints]);
  const names = useMemo(() => new Map(props.endpoints.map((e) => [e.id, e.name])), [props.endpoints]);
  return (
    <TopologyPanels
      graph={graph}
      status={status}
      names={multi ? names : undefined}
      onOpen={(href) => router.push(href)}
    />
  );
}

/** Graph and table for a given graph: also used by the layout benchmark page with made-up graphs. */
export function TopologyPanels(props: {
  graph: Graph;
  status: string;
  names?: ReadonlyMap<string, string>;
  onOpen: (href: string) => void;
  fitMinZoom?: number;
}) {
  // The whole graph is laid out once; filters only hide parts, so nothing moves when a filter comes or goes.
  const layout = useLayout(props.graph);
  const url = useUrlState();
  const filter: TopologyFilter = {
    endpoint: url.values.endpoint || undefined,
    project: url.values.project || undefined,
    network: url.values.network || undefined,
  };
  const filterKey = `${filter.endpoint ?? ""}|${filter.project ?? ""}|${filter.network ?? ""}`;
  const shown = useMemo(() => filterTopology(props.graph, filter), [props.graph, filterKey]);
  const choices = useMemo(() => filterChoices(props.graph, props.names), [props.graph, props.names]);
  const names = useMemo(() => [...new Set(shown.nodes.map((n) => n.label))].sort(), [shown]);
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);
  const [found, setFound] = useState<string | null>(null);
  // Find looks in the graph itself, not in the layout: the page is live (and a node can be new) before the layout
  // worker has placed it. The graph centres on the node once it has a place, and only then says so.
  const find = (text: string) => {
    const hit = findNodes(shown, text)[0];
    if (!hit) {
      setFound(text.trim() ? `Nothing named like "${text.trim()}" in the graph` : null);
      return;
    }
    setFocus((f) => ({ id: hit.id, seq: (f?.seq ?? 0) + 1 }));
    setFound(`Finding ${nodeAccessibleName(hit)}…`);
  };
  const byId = useMemo(() => new Map(shown.nodes.map((n) => [n.id, n])), [shown]);
  const onCentred = (id: string) => {
    const node = byId.get(id);
    if (node) setFound(`Centred on ${nodeAccessibleName(node)}`);
  };
  const rows = useMemo(() => connections(shown), [shown]);
  const last = layout.last;
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-3 text-sm">
        <span aria-live="polite">
          {props.status === "live"
            ? "Live"
            : props.status === "offline"
              ? "Offline"
              : props.status === "error"
                ? "Some endpoints could not be shown"
                : "Connecting…"}
        </span>
        <span
          className="text-slate-500 dark:text-slate-400"
          data-layout-mode={last?.mode}
          data-layout-ms={last?.totalMs.toFixed(1)}
          data-layout-worker-ms={last?.workerMs.toFixed(1)}
          data-layout-generation={layout.generation}
        >
          {last ? `${last.nodes} nodes, ${last.mode} layout in ${Math.round(last.totalMs)} ms` : "Laying out…"}
        </span>
        {layout.error && <span role="alert">{layout.error}</span>}
        <button
          type="button"
          className="ml-auto rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          onClick={layout.relayout}
        >
          Re-arrange
        </button>
      </p>
      <TopologyToolbar
        choices={choices}
        filter={filter}
        onFilter={(patch) => url.set(patch, { push: true })}
        onFind={find}
        names={names}
        found={found}
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="h-[70vh] rounded border border-slate-200 dark:border-slate-800">
          <TopologyGraph
            graph={shown}
            positions={layout.positions}
            generation={layout.generation}
            fitKey={filterKey}
            // A filter asks to see its part whole: its fit may zoom out past the readable floor of the first view.
            fitMinZoom={props.fitMinZoom ?? (isFiltered(filter) ? FILTERED_FIT_MIN_ZOOM : undefined)}
            focus={focus}
            onCentred={onCentred}
            label="Network topology graph"
            onOpen={(n) => props.onOpen(containerHref(n.endpointId, n.refId ?? ""))}
          />
        </div>
        <div className="max-h-[70vh] overflow-auto">
          <ConnectionsTable rows={rows} endpointNames={props.names} />
        </div>
      </div>
    </div>
  );
}
