"use client";

import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { dialogContentClass, dialogOverlayClass } from "@/components/ui/dialog";
import type { SearchHit } from "@/lib/search";
import type { NavGroup } from "@/lib/shell-nav";

const itemClass =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm data-[selected=true]:bg-slate-100 dark:data-[selected=true]:bg-slate-800";

/**
 * Ctrl/⌘-K: jump to any page of the navigation or to anything the existing search finds (/api/v1/search, which
 * shows only what the user may see). Results are fetched as you type, debounced, the last answer wins.
 */
export function CommandPalette(props: { open: boolean; onOpenChange: (open: boolean) => void; groups: NavGroup[] }) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, { signal: ctl.signal });
        if (res.ok) setHits(((await res.json()) as { hits: SearchHit[] }).hits);
      } catch {
        // aborted by the next keystroke, or offline: keep what is shown
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query]);
  const go = (href: string) => {
    props.onOpenChange(false);
    setQuery("");
    router.push(href);
  };
  return (
    <Command.Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      label="Command palette"
      shouldFilter={false}
      overlayClassName={dialogOverlayClass}
      contentClassName={`${dialogContentClass} w-[36rem] max-w-[95vw] p-0!`}
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 dark:border-slate-700">
        <Search aria-hidden className="size-4 text-slate-500 dark:text-slate-400" />
        <Command.Input
          value={query}
          onValueChange={setQuery}
          placeholder="Go to a page or search containers, images…"
          aria-label="Search pages and resources"
          className="w-full bg-transparent py-3 text-sm outline-none"
        />
      </div>
      <Command.List className="max-h-80 overflow-y-auto p-2" label="Results">
        <Command.Empty className="p-3 text-sm text-slate-600 dark:text-slate-400">Nothing found.</Command.Empty>
        {hits.length > 0 && (
          <Command.Group heading="Search results" className="mb-2 text-xs text-slate-600 dark:text-slate-400">
            {hits.map((h) => (
              <Command.Item
                key={`${h.kind}-${h.href}`}
                value={`hit ${h.href}`}
                onSelect={() => go(h.href)}
                className={itemClass}
              >
                <span className="font-medium">{h.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {h.kind} · {h.endpointName}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {props.groups.map((g) => {
          const items = g.items.filter((i) => !query || i.label.toLowerCase().includes(query.trim().toLowerCase()));
          if (!items.length) return null;
          return (
            <Command.Group key={g.label} heading={g.label} className="mb-2 text-xs text-slate-600 dark:text-slate-400">
              {items.map((i) => (
                <Command.Item key={i.href} value={`nav ${i.href}`} onSelect={() => go(i.href)} className={itemClass}>
                  <span className="text-slate-900 dark:text-slate-100">{i.label}</span>
                </Command.Item>
              ))}
            </Command.Group>
          );
        })}
      </Command.List>
    </Command.Dialog>
  );
}
