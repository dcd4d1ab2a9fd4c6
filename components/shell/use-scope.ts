"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { type EndpointScope, endpointIdOfPath, isAllEndpointsPath } from "@/lib/shell-nav";
import { SCOPE_COOKIE, type ShellEndpoint } from "./shell-types";

/**
 * The endpoint the shell is about: the one in the URL, else "all" on cross-endpoint pages, else the one last worked
 * on. The last one is kept in state (layouts do not re-render on navigation) and in a cookie for the next visit.
 */
export function useScope(endpoints: ShellEndpoint[], remembered: string | null): EndpointScope {
  const pathname = usePathname() ?? "/";
  const [last, setLast] = useState(remembered);
  const explicit = endpointIdOfPath(pathname) ?? (isAllEndpointsPath(pathname) ? "*" : null);
  const id = explicit ?? last;
  useEffect(() => {
    if (!explicit || explicit === last) return;
    setLast(explicit);
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server layout
    document.cookie = `${SCOPE_COOKIE}=${encodeURIComponent(explicit)}; path=/; max-age=31536000; samesite=lax`;
  }, [explicit, last]);
  const endpoint = endpoints.find((e) => e.id === id);
  return endpoint
    ? { kind: "endpoint", id: endpoint.id, name: endpoint.name, features: endpoint.features }
    : { kind: "all" };
}
