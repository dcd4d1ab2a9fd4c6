"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ALL_ENDPOINTS, type EndpointScope, sectionHref } from "@/lib/shell-nav";
import type { ShellEndpoint } from "./shell-types";

const DOT = { up: "bg-emerald-500", down: "bg-red-500", connecting: "bg-amber-400" } as const;

/** Picks the endpoint the sidebar's resource links point at; switching keeps the section you are on. */
export function EndpointSwitcher(props: { endpoints: ShellEndpoint[]; scope: EndpointScope; onNavigate?: () => void }) {
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const label = props.scope.kind === "all" ? ALL_ENDPOINTS : props.scope.name;
  const go = (scope: { kind: "all" } | { kind: "endpoint"; id: string }) => {
    props.onNavigate?.();
    router.push(sectionHref(pathname, scope));
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex w-full items-center justify-between gap-2 rounded border border-slate-300 bg-white px-2 py-1.5 text-left text-sm dark:border-slate-600 dark:bg-slate-900">
        <span className="min-w-0 truncate">
          <span className="sr-only">Endpoint: </span>
          {label}
        </span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500 dark:text-slate-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel>Endpoint</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => go({ kind: "all" })}>
          <Check aria-hidden className={cn("size-4", props.scope.kind !== "all" && "invisible")} />
          {ALL_ENDPOINTS}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {props.endpoints.map((e) => (
          <DropdownMenuItem key={e.id} onSelect={() => go({ kind: "endpoint", id: e.id })}>
            <Check
              aria-hidden
              className={cn("size-4", !(props.scope.kind === "endpoint" && props.scope.id === e.id) && "invisible")}
            />
            <span className={cn("size-2 rounded-full", DOT[e.state])} aria-hidden />
            <span className="min-w-0 truncate">{e.name}</span>
            <span className="sr-only">({e.state})</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
