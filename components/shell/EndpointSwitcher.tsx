"use client";

import { ChevronsUpDown } from "lucide-react";
import { StandInTrigger, useLazyMenu } from "@/components/ui/lazy-menu";
import { ALL_ENDPOINTS, type EndpointScope } from "@/lib/shell-nav";
import type { ShellEndpoint } from "./shell-types";

export const SWITCHER_TRIGGER =
  "flex w-full items-center justify-between gap-2 rounded border border-slate-300 bg-white px-2 py-1.5 text-left text-sm dark:border-slate-600 dark:bg-slate-900";

export function SwitcherFace({ label }: { label: string }) {
  return (
    <>
      <span className="min-w-0 truncate">
        <span className="sr-only">Endpoint: </span>
        {label}
      </span>
      <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-slate-500 dark:text-slate-400" />
    </>
  );
}

/** Picks the endpoint the sidebar's resource links point at; switching keeps the section you are on. */
export function EndpointSwitcher(props: { endpoints: ShellEndpoint[]; scope: EndpointScope; onNavigate?: () => void }) {
  const lazy = useLazyMenu(() => import("./EndpointSwitcherRadix").then((m) => m.EndpointSwitcherRadix));
  const label = props.scope.kind === "all" ? ALL_ENDPOINTS : props.scope.name;
  if (!lazy.Menu) {
    return (
      <StandInTrigger className={SWITCHER_TRIGGER} onArm={lazy.arm} busy={lazy.loading}>
        <SwitcherFace label={label} />
      </StandInTrigger>
    );
  }
  return <lazy.Menu {...props} open={lazy.open} onOpenChange={lazy.setOpen} />;
}
