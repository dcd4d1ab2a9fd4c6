"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

export interface SortState {
  /** A column id. */
  id: string;
  desc: boolean;
}

/** `name` → ascending by name, `-cpu` → descending by CPU. */
export function parseSort(raw: string | null, fallback: SortState): SortState {
  if (!raw) return fallback;
  return raw.startsWith("-") ? { id: raw.slice(1), desc: true } : { id: raw, desc: false };
}

export const formatSort = (s: SortState) => (s.desc ? `-${s.id}` : s.id);

/**
 * A list's filters, sort and search kept in the query string, so a filtered list can be shared and the back button
 * returns to it. Writes go through the browser's own history API, which Next's router follows (useSearchParams
 * updates) without asking the server for the page again: a 1,000-row list is not re-fetched for every keystroke.
 * `push` makes a history entry (a chosen filter or sort: Back undoes it); typing replaces the current one.
 */
export function useUrlState(defaults: Record<string, string> = {}) {
  const params = useSearchParams();
  const pathname = usePathname();
  const defaultsKey = JSON.stringify(defaults);
  const values = useMemo(() => {
    const out: Record<string, string> = JSON.parse(defaultsKey);
    for (const [k, v] of params.entries()) out[k] = v;
    return out;
  }, [params, defaultsKey]);
  const set = useCallback(
    (patch: Record<string, string | null>, opts: { push?: boolean } = {}) => {
      const next = new URLSearchParams(window.location.search);
      const base: Record<string, string> = JSON.parse(defaultsKey);
      for (const [k, v] of Object.entries(patch)) {
        // Defaults stay out of the URL: /containers is the plain list, not /containers?sort=name.
        if (v === null || v === "" || v === base[k]) next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      const url = `${pathname}${qs ? `?${qs}` : ""}`;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (opts.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname, defaultsKey],
  );
  return { values, set };
}
