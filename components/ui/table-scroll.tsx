import type { ReactNode } from "react";

/**
 * A wide table's own sideways scroll area: on a phone the page stays 390 px wide and the table scrolls inside this
 * box (relative, so screen-reader-only text in the cells is placed inside it, not past the page's edge). It takes the
 * keyboard focus so arrow keys scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
    <section aria-label={label} tabIndex={0} className="relative max-w-full overflow-x-auto">
      {children}
    </section>
  );
}
