"use client";

import { Check } from "lucide-react";
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
import { SWITCHER_TRIGGER, SwitcherFace } from "./EndpointSwitcher";
import type { ShellEndpoint } from "./shell-types";

const DOT = { up: "bg-emerald-500", down: "bg-red-500", connecting: "bg-amber-400" } as const;

/** The endpoint menu itself (Radix), loaded on first use by EndpointSwitcher. */
export function EndpointSwitcherRadix(props: {
  endpoints: ShellEndpoint[];
  scope: EndpointScope;
  onNavigate?: () => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const label = props.scope.kind === "all" ? ALL_ENDPOINTS : props.scope.name;
  const go = (scope: { kind: "all" } | { kind: "endpoint"; id: string }, features: readonly string[] = []) => {
    props.onNavigate?.();
    router.push(sectionHref(pathname, scope, features));
  };
  return (
    <DropdownMenu open={props.open} onOpenChange={props.onOpenChange}>
      <DropdownMenuTrigger className={SWITCHER_TRIGGER}>
        <SwitcherFace label={label} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel>Endpoint</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => go({ kind: "all" })}>
          <Check aria-hidden className={cn("size-4", props.scope.kind !== "all" && "invisible")} />
          {ALL_ENDPOINTS}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {props.endpoints.map((e) => (
          <DropdownMenuItem key={e.id} onSelect={() => go({ kind: "endpoint", id: e.id }, e.features)}>
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
