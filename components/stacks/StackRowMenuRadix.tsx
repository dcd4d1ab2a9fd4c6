"use client";

import { MoreHorizontal } from "lucide-react";
import { useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ROW_MENU_TRIGGER } from "@/components/ui/lazy-menu";
import type { StackSummary } from "@/lib/stacks";
import { composeVerbAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";
import { STACK_VERB_LABEL as LABEL, stackVerbs } from "./stack-verbs";

/** Start, stop and restart of a whole project from its row (loaded on first use by StackRowMenu). */
export function StackRowMenuRadix({
  s,
  open,
  onOpenChange,
}: {
  s: StackSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const verbs = stackVerbs(s);
  const run = async (verb: (typeof verbs)[number]) => {
    setBusy(true);
    await runStackAction(`${LABEL[verb]} ${s.project}`, () =>
      composeVerbAction({ endpointId: s.endpointId, stack: s.project, verb }),
    );
    setBusy(false);
  };
  return (
    <DropdownMenu modal={false} open={open} onOpenChange={onOpenChange}>
      <DropdownMenuTrigger
        aria-label={`Actions for stack ${s.project}`}
        aria-busy={busy || undefined}
        className={ROW_MENU_TRIGGER}
      >
        <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {verbs.map((v) => (
          <DropdownMenuItem key={v} disabled={busy} onSelect={() => void run(v)}>
            {LABEL[v]}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
