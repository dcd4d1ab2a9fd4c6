import type { ReactNode } from "react";
import { EmptyRow } from "@/components/ui/empty-row";
import { TableScroll } from "@/components/ui/table-scroll";

/**
 * The frame every engine resource list (images, networks, volumes) shares: a keyboard-scrollable region named
 * "<Name> table", the caption, a header row (the row-header column first, "Endpoint" when several endpoints are shown,
 * then the list's own columns, then an unnamed-looking "Actions" column for the row's buttons), and the empty row.
 */
export function ResourceTable(props: {
  name: string;
  first: string;
  columns: (string | false | undefined)[];
  multi: boolean;
  /** Shown as the only row when the list is empty; none: an empty body. */
  empty?: ReactNode;
  isEmpty: boolean;
  children: ReactNode;
}) {
  const columns = props.columns.filter((c): c is string => !!c);
  return (
    <TableScroll label={`${props.name} table`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{props.name}</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-2">
              {props.first}
            </th>
            {props.multi && <th scope="col">Endpoint</th>}
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.isEmpty && props.empty && (
            <EmptyRow colSpan={columns.length + (props.multi ? 3 : 2)}>{props.empty}</EmptyRow>
          )}
          {props.children}
        </tbody>
      </table>
    </TableScroll>
  );
}
