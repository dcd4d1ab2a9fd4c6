"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useMemo, useRef } from "react";
import { composeProject, rowKey, type SortDir, type SortKey } from "@/lib/container-filter";
import { formatCpu, formatMemory, isRunning } from "@/lib/container-usage";
import type { ContainerSummary } from "@/lib/domain";
import { formatTime } from "@/lib/format";
import { type UsageFeed, useUsage } from "./usage-feed";

const ROW_HEIGHT = 34;
const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "endpoint", label: "Endpoint" },
  { key: "image", label: "Image" },
  { key: "state", label: "State" },
  { key: "status", label: "Status" },
  { key: "cpu", label: "CPU" },
  { key: "memory", label: "Memory" },
  { key: "project", label: "Compose project" },
  { key: "created", label: "Created" },
];
const WIDTH: Partial<Record<SortKey, string>> = {
  name: "w-1/6",
  image: "w-[14%]",
  state: "w-20",
  status: "w-[12%]",
  cpu: "w-20 text-right pr-3",
  memory: "w-36",
  created: "w-36",
};

const STATE_STYLE: Record<string, string> = {
  running: "text-green-700 dark:text-green-400",
  exited: "text-slate-500",
  dead: "text-red-600",
  paused: "text-amber-600",
  restarting: "text-amber-600",
};

/**
 * Every container of every visible endpoint, as a real table whose rows are virtualized: only the rows in view
 * (plus a few) are in the DOM, with spacer rows keeping the scroll height, so 1,000+ containers stay smooth.
 * CPU and memory come from `usage` (sampled only for running rows near the window, see `onWindow`).
 */
export function AllContainersTable(props: {
  rows: ContainerSummary[];
  endpointName: (id: string) => string;
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  selectable: (c: ContainerSummary) => boolean;
  selected: ReadonlySet<string>;
  onSelect: (keys: string[], on: boolean) => void;
  usage: UsageFeed;
  /** The rendered rows' index range (window plus overscan), whenever it changes. */
  onWindow: (start: number, end: number) => void;
}) {
  const { rows, onWindow } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = v.getTotalSize() - (items.at(-1)?.end ?? 0);
  const [first, last] = [items[0]?.index ?? 0, items.at(-1)?.index ?? -1];
  useEffect(() => onWindow(first, last), [first, last, onWindow]);
  // Recomputed when rows or selectability change, not on every scroll frame.
  const { selectable } = props;
  const selectableKeys = useMemo(() => rows.filter(selectable).map(rowKey), [rows, selectable]);
  const allOn = selectableKeys.length > 0 && selectableKeys.every((k) => props.selected.has(k));

  return (
    <div ref={scroller} className="h-[70vh] overflow-auto rounded border border-slate-200 dark:border-slate-800">
      <table className="w-full table-fixed text-left text-sm" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">All containers</caption>
        <thead className="sticky top-0 z-10 bg-white dark:bg-slate-900">
          <tr aria-rowindex={1} className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="w-10 px-2">
              <input
                type="checkbox"
                aria-label="Select all shown"
                checked={allOn}
                disabled={selectableKeys.length === 0}
                onChange={(e) => props.onSelect(selectableKeys, e.target.checked)}
              />
            </th>
            {COLUMNS.map((c) => {
              const active = props.sort.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (props.sort.dir === "asc" ? "ascending" : "descending") : "none"}
                  className={`py-2 ${WIDTH[c.key] ?? ""}`}
                >
                  <button type="button" onClick={() => props.onSort(c.key)} className="font-semibold hover:underline">
                    {c.label}
                    <span aria-hidden="true">{active ? (props.sort.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="py-4 text-slate-500">
                No containers match.
              </td>
            </tr>
          )}
          {top > 0 && <tr style={{ height: top }} />}
          {items.map((item) => {
            const c = rows[item.index]!;
            const key = rowKey(c);
            return (
              <Row
                key={key}
                c={c}
                rowIndex={item.index + 2}
                endpoint={props.endpointName(c.endpointId)}
                selectable={props.selectable(c)}
                checked={props.selected.has(key)}
                onSelect={props.onSelect}
                usage={props.usage}
              />
            );
          })}
          {bottom > 0 && <tr style={{ height: bottom }} />}
        </tbody>
      </table>
    </div>
  );
}

/** Memoized: while scrolling, only rows entering the window render; the rest are reused as they are. */
const Row = memo(function Row(p: {
  c: ContainerSummary;
  rowIndex: number;
  endpoint: string;
  selectable: boolean;
  checked: boolean;
  onSelect: (keys: string[], on: boolean) => void;
  usage: UsageFeed;
}) {
  const { c } = p;
  return (
    <tr
      aria-rowindex={p.rowIndex}
      style={{ height: ROW_HEIGHT }}
      className="border-b border-slate-100 dark:border-slate-800"
    >
      <td className="px-2">
        {p.selectable && (
          <input
            type="checkbox"
            aria-label={`Select ${c.name}`}
            checked={p.checked}
            onChange={(e) => p.onSelect([rowKey(c)], e.target.checked)}
          />
        )}
      </td>
      <th scope="row" className="truncate font-medium" title={c.name}>
        {c.name}
      </th>
      <td className="truncate">{p.endpoint}</td>
      <td className="truncate font-mono text-xs" title={c.image}>
        {c.image}
      </td>
      <td className={STATE_STYLE[c.state] ?? ""}>{c.state}</td>
      <td className="truncate" title={c.status}>
        {c.status}
      </td>
      <UsageCells feed={p.usage} rowKey={rowKey(c)} running={isRunning(c)} />
      <td className="truncate">{composeProject(c)}</td>
      <td className="whitespace-nowrap text-xs">{formatTime(c.created)}</td>
    </tr>
  );
});

/** The CPU and memory cells: the only part of a row a new sample re-renders. */
function UsageCells(p: { feed: UsageFeed; rowKey: string; running: boolean }) {
  const live = useUsage(p.feed, p.rowKey);
  const u = p.running ? live : undefined;
  return (
    <>
      <td className="whitespace-nowrap pr-3 text-right tabular-nums">{formatCpu(u)}</td>
      <td className="truncate whitespace-nowrap tabular-nums text-xs">{formatMemory(u)}</td>
    </>
  );
}
