"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useCallback, useMemo } from "react";
import { useTopicSet } from "@/components/realtime/use-topic-set";
import { DataTable } from "@/components/ui/data-table/data-table";
import { formatSort, parseSort, useUrlState } from "@/components/ui/data-table/use-url-state";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import { groupStacks, type StackRecord, type StackSummary } from "@/lib/stacks";
import { containersTopic } from "@/lib/topics";
import { StackRowMenu } from "./StackRowMenu";

export const stackHref = (s: { endpointId: string; project: string }) =>
  `/endpoints/${encodeURIComponent(s.endpointId)}/stacks/${encodeURIComponent(s.project)}`;

const STATE_TEXT: Record<StackSummary["state"], string> = {
  running: "running",
  partial: "partly running",
  stopped: "stopped",
  empty: "no containers",
};

/**
 * Every Compose project on the endpoints shown, live: grouped from each endpoint's container store (the one upstream
 * per endpoint every container view shares) by Compose's labels, joined with the stacks Berth has recorded.
 */
export function StacksList(props: {
  endpoints: EndpointView[];
  initial: Record<string, ContainerSummary[]>;
  records: StackRecord[];
  operable: string[];
  showEndpoint: boolean;
}) {
  const initial = useMemo(
    () => Object.fromEntries(Object.entries(props.initial).map(([id, l]) => [containersTopic(id), l])),
    [props.initial],
  );
  const topics = useMemo(() => Object.keys(props.initial).map(containersTopic), [props.initial]);
  const live = useTopicSet<ContainerSummary>(topics, initial);
  const stacks = useMemo(() => groupStacks(live.items, props.records), [live.items, props.records]);
  const names = useMemo(() => new Map(props.endpoints.map((e) => [e.id, e.name])), [props.endpoints]);
  const operable = useMemo(() => new Set(props.operable), [props.operable]);
  const { values, set } = useUrlState({ sort: "name" });
  const sort = parseSort(values.sort ?? null, { id: "name", desc: false });
  const columns = useMemo<ColumnDef<StackSummary, unknown>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        accessorFn: (s) => s.project,
        cell: ({ row }) => (
          <Link href={stackHref(row.original)} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
            {row.original.project}
          </Link>
        ),
        meta: { width: "14rem" },
      },
      ...(props.showEndpoint
        ? [
            {
              id: "endpoint",
              header: "Endpoint",
              accessorFn: (s: StackSummary) => names.get(s.endpointId) ?? s.endpointId,
              meta: { width: "9rem" },
            },
          ]
        : []),
      { id: "source", header: "Deployed by", accessorFn: (s) => s.source, meta: { width: "10rem" } },
      {
        id: "state",
        header: "State",
        accessorFn: (s) => `${s.running}/${s.containers.length} ${STATE_TEXT[s.state]}`,
        meta: { width: "11rem" },
      },
      { id: "services", header: "Services", accessorFn: (s) => s.services.join(", "), meta: { width: "14rem" } },
      {
        id: "location",
        header: "File",
        accessorFn: (s) => s.configFiles ?? s.workingDir ?? "",
        cell: ({ getValue }) => <span className="font-mono text-xs">{String(getValue() || "unknown")}</span>,
      },
    ],
    [props.showEndpoint, names],
  );
  const rowMenu = useCallback(
    (s: StackSummary) => (operable.has(s.endpointId) ? <StackRowMenu s={s} /> : null),
    [operable],
  );
  return (
    <>
      <p role="status" className="mb-2 text-xs text-slate-500 dark:text-slate-400">
        {live.live ? "Live" : "Connecting…"} · {stacks.length} stack{stacks.length === 1 ? "" : "s"}
      </p>
      <DataTable
        label="Stacks"
        data={stacks}
        columns={columns}
        getRowId={(s) => s.id}
        sort={sort}
        onSort={(next) => set({ sort: formatSort(next) }, { push: true })}
        rowMenu={props.operable.length ? rowMenu : undefined}
        empty="No Compose project on these endpoints yet."
      />
    </>
  );
}
