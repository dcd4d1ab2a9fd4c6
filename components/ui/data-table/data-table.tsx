"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type Row,
  type RowData,
  useReactTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, type ReactNode, useEffect, useMemo, useRef } from "react";
import type { SortState } from "./use-url-state";

/*
 * ONE table for every list in Berth (containers, images, Swarm services, Kubernetes workloads...).
 *
 *   <DataTable
 *     label="Containers"                 // the table's accessible name (a caption for screen readers)
 *     data={rows} getRowId={(r) => r.id}
 *     columns={[{ id: "name", header: "Name", accessorFn: (r) => r.name, cell: ... }, ...]}
 *     sort={sort} onSort={setSort}       // from useUrlState/parseSort: the sort lives in the URL
 *     search={q}                         // optional text matched against every column's value (not with manualSorting)
 *     selection={{ selectable, selected, onChange }}  // optional checkboxes; pair with <BulkToolbar>
 *     rowMenu={(row) => <RowMenu .../>}  // optional last column, e.g. a dropdown of per-row actions
 *   />
 *
 * - The FIRST column is the row header (`<th scope="row">`): put the name (a link to the item's page) there. It and
 *   the checkbox stay put while the other columns scroll sideways on a phone.
 * - Rows are virtualized (only those in view are in the DOM), so 1,000+ rows stay smooth; rows are memoized, and a
 *   live cell should subscribe to its own data (see containers' usage cells) rather than re-render the table.
 * - `manualSorting`: the caller passes rows already sorted (when the order needs more than a column value, e.g.
 *   containers by live CPU); otherwise TanStack sorts by `accessorFn` (set `sortDescFirst` for "biggest first").
 * - Every cell carries `data-col="<column id>"`, so a test's page object can read a column by id.
 * - Column `meta.width` (CSS width) and `meta.className` (cell classes) style a column; `enableSorting: false`
 *   makes a header plain text.
 */

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData extends RowData, TValue> {
    width?: string;
    className?: string;
  }
}

export interface Selection<T> {
  selectable: (row: T) => boolean;
  selected: ReadonlySet<string>;
  onChange: (ids: string[], on: boolean) => void;
  /** What the row's checkbox says it selects ("Select <name>"). */
  nameOf: (row: T) => string;
}

export interface DataTableProps<T> {
  label: string;
  data: readonly T[];
  // biome-ignore lint/suspicious/noExplicitAny: columns hold values of different types.
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  sort: SortState;
  onSort: (next: SortState) => void;
  manualSorting?: boolean;
  search?: string;
  selection?: Selection<T>;
  rowMenu?: (row: T) => ReactNode;
  /** The rendered rows' index range (window plus overscan), whenever it changes. */
  onWindow?: (start: number, end: number) => void;
  /** Shown in the body when there is no row. */
  empty?: ReactNode;
  /** Table min-width: past it, the columns after the first scroll sideways. */
  minWidth?: string;
  rowHeight?: number;
}

const STICKY = "sticky z-[1] bg-white dark:bg-slate-950";

export function DataTable<T>(props: DataTableProps<T>) {
  const { selection, rowMenu, onWindow } = props;
  const rowHeight = props.rowHeight ?? 36;
  // The sorting state keeps its identity while the sort is the same: TanStack recomputes the sorted rows whenever it
  // changes, and each recompute resets the page index (a state update, so another render, so a new array...). With
  // a fresh array per render that loop never ended: on a click (a sync update) it held the main thread for good.
  const sorting = useMemo(() => [{ id: props.sort.id, desc: props.sort.desc }], [props.sort.id, props.sort.desc]);
  const table = useReactTable<T>({
    data: props.data as T[],
    columns: props.columns,
    getRowId: props.getRowId,
    state: { sorting, globalFilter: props.search ?? "" },
    manualSorting: props.manualSorting,
    // No pagination here (rows are virtualized): nothing to reset when the rows change.
    autoResetPageIndex: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: props.manualSorting ? undefined : getSortedRowModel(),
    getFilteredRowModel: props.manualSorting ? undefined : getFilteredRowModel(),
    globalFilterFn: "includesString",
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // Before the box is measured (on the server, and in the first client render) assume a typical one, so the
    // server sends the first rows in the HTML: they show at first paint instead of after hydration.
    initialRect: { width: 1024, height: 640 },
  });
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = v.getTotalSize() - (items.at(-1)?.end ?? 0);
  const [first, last] = [items[0]?.index ?? 0, items.at(-1)?.index ?? -1];
  useEffect(() => onWindow?.(first, last), [first, last, onWindow]);
  const selectableIds = useMemo(
    () => (selection ? rows.filter((r) => selection.selectable(r.original)).map((r) => r.id) : []),
    [rows, selection],
  );
  const allOn = selectableIds.length > 0 && selectableIds.every((id) => selection?.selected.has(id));
  const leaf = table.getVisibleLeafColumns();
  const colCount = leaf.length + (selection ? 1 : 0) + (rowMenu ? 1 : 0);

  return (
    <div
      ref={scroller}
      // A keyboard user can scroll the region too; its name is the table's.
      tabIndex={-1}
      className="relative max-h-[70vh] overflow-auto rounded border border-slate-200 dark:border-slate-800"
    >
      <table
        className="w-full table-fixed border-separate border-spacing-0 text-left text-sm"
        style={{ minWidth: props.minWidth ?? "48rem" }}
        aria-rowcount={rows.length + 1}
      >
        <caption className="sr-only">{props.label}</caption>
        <colgroup>
          {selection && <col style={{ width: "2.5rem" }} />}
          {leaf.map((c) => (
            <col key={c.id} style={{ width: c.columnDef.meta?.width }} />
          ))}
          {rowMenu && <col style={{ width: "3rem" }} />}
        </colgroup>
        <thead className="sticky top-0 z-[2] bg-white dark:bg-slate-950">
          <tr aria-rowindex={1}>
            {selection && (
              <th scope="col" className={`${STICKY} left-0 border-b border-slate-300 px-2 dark:border-slate-700`}>
                <input
                  type="checkbox"
                  aria-label="Select all shown"
                  checked={allOn}
                  disabled={selectableIds.length === 0}
                  onChange={(e) => selection.onChange(selectableIds, e.target.checked)}
                />
              </th>
            )}
            {table.getFlatHeaders().map((h, i) => {
              const active = props.sort.id === h.column.id;
              const label = flexRender(h.column.columnDef.header, h.getContext());
              const sticky = i === 0 ? `${STICKY} ${selection ? "left-10" : "left-0"}` : "";
              return (
                <th
                  key={h.id}
                  scope="col"
                  aria-sort={
                    active ? (props.sort.desc ? "descending" : "ascending") : h.column.getCanSort() ? "none" : undefined
                  }
                  className={`border-b border-slate-300 py-2 pr-2 font-semibold dark:border-slate-700 ${sticky} ${h.column.columnDef.meta?.className ?? ""}`}
                >
                  {h.column.getCanSort() ? (
                    <button
                      type="button"
                      className="font-semibold hover:underline"
                      onClick={() =>
                        props.onSort({
                          id: h.column.id,
                          desc: active ? !props.sort.desc : !!h.column.columnDef.sortDescFirst,
                        })
                      }
                    >
                      {label}
                      <span aria-hidden="true">{active ? (props.sort.desc ? " ▼" : " ▲") : ""}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
            {rowMenu && (
              <th scope="col" className="border-b border-slate-300 dark:border-slate-700">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={colCount} className="px-2 py-6 text-center text-slate-500 dark:text-slate-400">
                {props.empty ?? "Nothing here."}
              </td>
            </tr>
          )}
          {top > 0 && <tr style={{ height: top }} />}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <DataRow
                key={row.id}
                row={row}
                rowIndex={item.index + 2}
                height={rowHeight}
                selection={selection}
                checked={selection?.selected.has(row.id) ?? false}
                rowMenu={rowMenu}
              />
            );
          })}
          {bottom > 0 && <tr style={{ height: bottom }} />}
        </tbody>
      </table>
    </div>
  );
}

/** Memoized: while scrolling, only rows entering the window render; the others are kept as they are. */
const DataRow = memo(function DataRow<T>(p: {
  row: Row<T>;
  rowIndex: number;
  height: number;
  selection: Selection<T> | undefined;
  checked: boolean;
  rowMenu: ((row: T) => ReactNode) | undefined;
}) {
  const { row, selection } = p;
  const cells = row.getVisibleCells();
  const cellClass = "border-b border-slate-100 pr-2 dark:border-slate-800";
  return (
    <tr aria-rowindex={p.rowIndex} style={{ height: p.height }}>
      {selection && (
        <td className={`${STICKY} left-0 px-2 ${cellClass}`}>
          {selection.selectable(row.original) && (
            <input
              type="checkbox"
              aria-label={`Select ${selection.nameOf(row.original)}`}
              checked={p.checked}
              onChange={(e) => selection.onChange([row.id], e.target.checked)}
            />
          )}
        </td>
      )}
      {cells.map((cell, i) => {
        const content = flexRender(cell.column.columnDef.cell, cell.getContext());
        const cls = `${cellClass} ${cell.column.columnDef.meta?.className ?? "truncate"}`;
        return i === 0 ? (
          <th
            key={cell.id}
            data-col={cell.column.id}
            scope="row"
            className={`${STICKY} ${selection ? "left-10" : "left-0"} truncate font-medium ${cls}`}
          >
            {content}
          </th>
        ) : (
          <td key={cell.id} data-col={cell.column.id} className={cls}>
            {content}
          </td>
        );
      })}
      {p.rowMenu && <td className={`${cellClass} text-right`}>{p.rowMenu(row.original)}</td>}
    </tr>
  );
}) as <T>(p: {
  row: Row<T>;
  rowIndex: number;
  height: number;
  selection: Selection<T> | undefined;
  checked: boolean;
  rowMenu: ((row: T) => ReactNode) | undefined;
}) => ReactNode;
