import Link from "next/link";
import type { ReactNode } from "react";

/** The "Used by (n)" section of a network's or a volume's page: its heading, and a plain sentence when nothing uses it. */
export function UsedBy(props: { count: number; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby="used-by-heading" className="space-y-2">
      <h2 id="used-by-heading" className="text-lg font-semibold">
        Used by ({props.count})
      </h2>
      {props.count === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{props.empty}</p> : props.children}
    </section>
  );
}

/** A container's name linking to its page on the endpoint (`base` is the endpoint's path). */
export function ContainerLink(props: { base: string; id: string; name: string }) {
  return (
    <Link
      href={`${props.base}/containers/${encodeURIComponent(props.id)}`}
      className="text-blue-700 hover:underline dark:text-blue-300"
    >
      {props.name}
    </Link>
  );
}
