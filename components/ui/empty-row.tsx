import type { ReactNode } from "react";

/** A table body's only row when there is nothing to list: says so, and what would make something appear. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-2 py-6 text-center text-sm text-slate-600 dark:text-slate-400">
        {children}
      </td>
    </tr>
  );
}
