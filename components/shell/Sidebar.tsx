"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { currentItem, type EndpointScope, type NavPermissions, navGroups } from "@/lib/shell-nav";
import { EndpointSwitcher } from "./EndpointSwitcher";
import { NavIconView } from "./nav-icons";
import type { ShellEndpoint } from "./shell-types";

/** The sidebar's content (the desktop column and the phone drawer alike): switcher, then links grouped by task. */
export function SidebarContent(props: {
  endpoints: ShellEndpoint[];
  perms: NavPermissions;
  scope: EndpointScope;
  onNavigate?: () => void;
  /** Keeps ids unique when the drawer and the desktop column are both in the page. */
  idPrefix: string;
}) {
  const groupId = (label: string) => `${props.idPrefix}-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const pathname = usePathname() ?? "/";
  const groups = navGroups(props.scope, props.perms);
  const current = currentItem(groups, pathname);
  return (
    <div className="flex h-full flex-col gap-4 overflow-y-auto p-3">
      <Link href="/" className="flex items-center gap-2 px-2 text-lg font-semibold" onClick={props.onNavigate}>
        <img src="/logo.svg" alt="" width={28} height={28} />
        Berth
      </Link>
      <EndpointSwitcher endpoints={props.endpoints} scope={props.scope} onNavigate={props.onNavigate} />
      <nav aria-label="Main" className="flex flex-col gap-4">
        {groups.map((g) => (
          <div key={g.label}>
            {/* A list label, not a heading: page headings stay the page's own (and unique for tests and readers). */}
            <div
              id={groupId(g.label)}
              className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400"
            >
              {g.label}
            </div>
            <ul aria-labelledby={groupId(g.label)} className="flex flex-col gap-0.5">
              {g.items.map((item) => {
                const active = item === current;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      onClick={props.onNavigate}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2 rounded px-2 py-1.5 text-sm",
                        active
                          ? "bg-blue-50 font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-200"
                          : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                      )}
                    >
                      <NavIconView name={item.icon} />
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </nav>
    </div>
  );
}
