"use client";

import { Menu, Search } from "lucide-react";
import dynamic from "next/dynamic";
import { type ReactNode, useEffect, useState } from "react";
import { navGroups } from "@/lib/shell-nav";
import { AccountMenu } from "./AccountMenu";
import { Breadcrumbs } from "./Breadcrumbs";
import { SidebarContent } from "./Sidebar";
import type { ShellProps } from "./shell-types";
import { useScope } from "./use-scope";

// The command palette (cmdk) and the phone drawer (a Radix dialog) load on first use: nobody needs their code to
// see a page, and every page paid for it in first-load JavaScript.
const CommandPalette = dynamic(() => import("./CommandPalette").then((m) => m.CommandPalette), { ssr: false });
const PhoneDrawer = dynamic(() => import("./PhoneDrawer").then((m) => m.PhoneDrawer), { ssr: false });

/** Is the key typed into something that takes text (then "/" is a character, not a shortcut)? */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/**
 * The app shell: a skip link, the sidebar (a drawer behind a menu button below 1024 px), a top bar with breadcrumbs,
 * search and the account menu, then the page. Ctrl/⌘-K opens the command palette; "/" focuses the search box.
 */
export function AppShell(props: ShellProps & { search: ReactNode; children: ReactNode }) {
  const scope = useScope(props.endpoints, props.remembered);
  const [drawer, setDrawer] = useState(false);
  const [palette, setPalette] = useState(false);
  // Mounted from the first opening on (then kept, so closing animates and reopening is instant).
  const [used, setUsed] = useState({ drawer: false, palette: false });
  if (drawer && !used.drawer) setUsed((u) => ({ ...u, drawer: true }));
  if (palette && !used.palette) setUsed((u) => ({ ...u, palette: true }));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setPalette((open) => !open);
      } else if (e.key === "/" && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const box = document.getElementById("site-search") as HTMLInputElement | null;
        if (box && box.offsetParent !== null) {
          e.preventDefault();
          box.focus();
        } else {
          e.preventDefault();
          setPalette(true);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const sidebar = (idPrefix: string, onNavigate?: () => void) => (
    <SidebarContent
      endpoints={props.endpoints}
      perms={props.perms}
      scope={scope}
      onNavigate={onNavigate}
      idPrefix={idPrefix}
    />
  );
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-blue-700 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside
        aria-label="Sidebar"
        className="sticky top-0 hidden h-screen border-r border-slate-200 bg-white lg:block dark:border-slate-800 dark:bg-slate-900"
      >
        {sidebar("side")}
      </aside>
      {used.drawer && (
        <PhoneDrawer open={drawer} onOpenChange={setDrawer}>
          {sidebar("drawer", () => setDrawer(false))}
        </PhoneDrawer>
      )}
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex items-center gap-2 border-b border-slate-200 bg-white/95 px-3 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
          <button
            type="button"
            aria-label="Open navigation"
            onClick={() => setDrawer(true)}
            className="rounded p-1.5 hover:bg-slate-100 lg:hidden dark:hover:bg-slate-800"
          >
            <Menu aria-hidden className="size-5" />
          </button>
          <div className="min-w-0 flex-1">
            <Breadcrumbs endpoints={props.endpoints} />
          </div>
          <div className="hidden md:block">{props.search}</div>
          <button
            type="button"
            onClick={() => setPalette(true)}
            aria-keyshortcuts="Control+K Meta+K"
            className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            <Search aria-hidden className="size-4" />
            <span className="sr-only md:not-sr-only">Go to…</span>
            <kbd className="hidden text-xs text-slate-600 md:inline dark:text-slate-400">Ctrl K</kbd>
          </button>
          <AccountMenu username={props.username} theme={props.theme} />
        </header>
        <main id="main" tabIndex={-1} className="min-w-0 px-3 py-4 sm:px-6 sm:py-6 focus:outline-none">
          {props.children}
        </main>
      </div>
      {used.palette && (
        <CommandPalette open={palette} onOpenChange={setPalette} groups={navGroups(scope, props.perms)} />
      )}
    </div>
  );
}
