"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { breadcrumbs } from "@/lib/shell-nav";
import type { ShellEndpoint } from "./shell-types";

/** Where this page sits: Home › endpoint › section › item; the last crumb is the current page. */
export function Breadcrumbs({ endpoints }: { endpoints: ShellEndpoint[] }) {
  const pathname = usePathname() ?? "/";
  const crumbs = breadcrumbs(pathname, (id) => endpoints.find((e) => e.id === id)?.name);
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1 text-sm text-slate-600 dark:text-slate-400">
        {crumbs.map((c, i) => (
          <li key={`${i}-${c.label}`} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRight aria-hidden className="size-3.5 shrink-0" />}
            {c.href ? (
              <Link href={c.href} className="truncate hover:underline">
                {c.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate font-medium text-slate-900 dark:text-slate-100">
                {c.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
