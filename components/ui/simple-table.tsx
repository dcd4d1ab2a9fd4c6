import type { ReactNode } from "react";
import { EmptyRow } from "./empty-row";
import { TableScroll } from "./table-scroll";

export interface SimpleColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** This column names the row (`<th scope="row">`); the first column when none says so. */
  rowHeader?: boolean;
  className?: string;
}

const TH = "py-2 pr-3 font-semibold";

/**
 * The frame of Berth's short administrative lists (users, teams, tokens, registries, alert rules...): a named,
 * keyboard-scrollable region, a caption, column headers, the row header, an "Actions" column for the row's buttons and
 * an empty row that says what would make something appear. Plain server-renderable markup: these lists are a few dozen
 * rows, so they do not need the virtualized DataTable (and its 25 kB of JavaScript); both give the same table to a
 * screen reader.
 */
export function SimpleTable<T>(props: {
  /** The scroll region's name ("<Things> table" by convention, or what tests already know it by). */
  label: string;
  /** The table's own accessible name (its caption); the label when not given. */
  caption?: string;
  /** Show the caption as the table's title (a team's "Members of …") instead of for screen readers only. */
  captionVisible?: boolean;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: SimpleColumn<T>[];
  /** The row's buttons, in a last column whose header only screen readers see. */
  actions?: (row: T) => ReactNode;
  actionsClassName?: string;
  /** Shown as the only row when there is none. */
  empty?: ReactNode;
}) {
  const headerAt = Math.max(
    props.columns.findIndex((c) => c.rowHeader),
    0,
  );
  const span = props.columns.length + (props.actions ? 1 : 0);
  return (
    <TableScroll label={props.label}>
      <table className="w-full text-left text-sm">
        <caption className={props.captionVisible ? "text-left font-medium" : "sr-only"}>
          {props.caption ?? props.label}
        </caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} scope="col" className={TH}>
                {c.header}
              </th>
            ))}
            {props.actions && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && props.empty && <EmptyRow colSpan={span}>{props.empty}</EmptyRow>}
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)} className="border-b border-slate-200 dark:border-slate-800">
              {props.columns.map((c, i) =>
                i === headerAt ? (
                  <th key={c.header} scope="row" className={c.className ?? "py-1 pr-3 font-medium"}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.header} className={c.className ?? "pr-3"}>
                    {c.cell(r)}
                  </td>
                ),
              )}
              {props.actions && (
                <td className={props.actionsClassName ?? "space-x-1 whitespace-nowrap py-1"}>{props.actions(r)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
