"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { composeProject, isUnhealthy, rowKey } from "@/lib/container-filter";
import { formatCpu, formatMemory, isRunning } from "@/lib/container-usage";
import type { ContainerSummary } from "@/lib/domain";
import { formatPorts, formatTime } from "@/lib/format";
import type { UpdateView } from "@/lib/updates";
import { UpdateBadge } from "./update-parts";
import { type UsageFeed, useUsage } from "./usage-feed";

export const STATE_STYLE: Record<string, string> = {
  running: "text-green-700 dark:text-green-400",
  exited: "text-slate-600 dark:text-slate-400",
  dead: "text-red-700 dark:text-red-400",
  paused: "text-amber-700 dark:text-amber-400",
  restarting: "text-amber-700 dark:text-amber-400",
};

// Row links do not prefetch: a 1,000-row list scrolled past would ask the server for hundreds of pages (and run an
// observer per link); a click loads the page as fast without it.
export const containerHref = (c: Pick<ContainerSummary, "endpointId" | "id">) =>
  `/endpoints/${encodeURIComponent(c.endpointId)}/containers/${encodeURIComponent(c.id)}`;

/**
 * The container list's columns. `listPath` is where filter links go (the same list, narrowed): /containers, or the
 * endpoint's own list when the endpoint is fixed (its Endpoint column is then left out).
 */
export function containerColumns(o: {
  endpointName: (id: string) => string;
  usage: UsageFeed;
  listPath: string;
  showEndpoint: boolean;
  updateOf?: (c: ContainerSummary) => UpdateView | undefined;
}): ColumnDef<ContainerSummary>[] {
  const filterHref = (key: string, value: string) => `${o.listPath}?${new URLSearchParams({ [key]: value })}`;
  const cols: (ColumnDef<ContainerSummary> | false)[] = [
    {
      id: "name",
      header: "Name",
      accessorFn: (c) => c.name,
      meta: { width: "13rem" },
      cell: ({ row: { original: c } }) => (
        <Link
          prefetch={false}
          href={containerHref(c)}
          className="text-blue-800 hover:underline dark:text-blue-300"
          title={c.name}
        >
          {c.name}
        </Link>
      ),
    },
    o.showEndpoint && {
      id: "endpoint",
      header: "Endpoint",
      accessorFn: (c) => o.endpointName(c.endpointId),
      meta: { width: "8rem" },
      cell: ({ row: { original: c } }) => (
        <Link prefetch={false} href={filterHref("endpoint", c.endpointId)} className="hover:underline">
          {o.endpointName(c.endpointId)}
        </Link>
      ),
    },
    {
      id: "image",
      header: "Image",
      accessorFn: (c) => c.image,
      meta: { width: "12rem", className: "truncate font-mono text-xs" },
      cell: ({ row: { original: c } }) => (
        // The badge first: the cell truncates a long image name, never the badge.
        <>
          <UpdateBadge u={o.updateOf?.(c)} />
          <span title={c.image}>{c.image}</span>
        </>
      ),
    },
    {
      id: "state",
      header: "State",
      accessorFn: (c) => c.state,
      meta: { width: "6.5rem" },
      cell: ({ row: { original: c } }) => (
        <span className={STATE_STYLE[c.state] ?? ""}>
          {c.state}
          {isUnhealthy(c) && <span className="sr-only">, unhealthy</span>}
        </span>
      ),
    },
    {
      id: "status",
      header: "Status",
      accessorFn: (c) => c.status,
      meta: { width: "11rem" },
      cell: ({ row: { original: c } }) => (
        <span title={c.status} className={isUnhealthy(c) ? "text-red-700 dark:text-red-400" : ""}>
          {c.status}
        </span>
      ),
    },
    {
      id: "cpu",
      header: "CPU",
      // Sorted by the list itself (manualSorting, from live figures); an accessor makes the header sortable.
      accessorFn: (c) => o.usage.get(rowKey(c))?.cpuPercent,
      sortDescFirst: true,
      meta: { width: "5rem", className: "whitespace-nowrap text-right tabular-nums" },
      cell: ({ row: { original: c } }) => <UsageCell feed={o.usage} c={c} kind="cpu" />,
    },
    {
      id: "memory",
      header: "Memory",
      accessorFn: (c) => o.usage.get(rowKey(c))?.memUsed,
      sortDescFirst: true,
      meta: { width: "9rem", className: "truncate whitespace-nowrap pl-3 text-xs tabular-nums" },
      cell: ({ row: { original: c } }) => <UsageCell feed={o.usage} c={c} kind="memory" />,
    },
    {
      id: "project",
      header: "Compose project",
      accessorFn: composeProject,
      meta: { width: "9rem" },
      cell: ({ row: { original: c } }) => {
        const p = composeProject(c);
        return p ? (
          <Link prefetch={false} href={filterHref("project", p)} className="hover:underline">
            {p}
          </Link>
        ) : null;
      },
    },
    {
      id: "ports",
      header: "Ports",
      enableSorting: false,
      meta: { width: "9rem", className: "truncate font-mono text-xs" },
      cell: ({ row: { original: c } }) => formatPorts(c.ports),
    },
    {
      id: "created",
      header: "Created",
      accessorFn: (c) => c.created,
      meta: { width: "10rem", className: "whitespace-nowrap text-xs" },
      cell: ({ row: { original: c } }) => formatTime(c.created),
    },
  ];
  return cols.filter((c): c is ColumnDef<ContainerSummary> => !!c);
}

/** A live figure: subscribes to its own row's usage, so a new sample re-renders this cell, never the table. */
function UsageCell(p: { feed: UsageFeed; c: ContainerSummary; kind: "cpu" | "memory" }) {
  const live = useUsage(p.feed, rowKey(p.c));
  const u = isRunning(p.c) ? live : undefined;
  return <>{p.kind === "cpu" ? formatCpu(u) : formatMemory(u)}</>;
}
