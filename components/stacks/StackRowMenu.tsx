"use client";

import { MoreHorizontal } from "lucide-react";
import { useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { StackSummary } from "@/lib/stacks";
import { composeVerbAction } from "@/server/actions/stacks/stack-actions";
import { runStackAction } from "./run-stack-action";

const LABEL = { start: "Start", stop: "Stop", restart: "Restart" } as const;

/** Start, stop and restart of a whole project from its row: works for projects of any tool. */
export function StackRowMenu({ s }: { s: StackSummary }) {
  const [busy, setBusy] = useState(false);
  const verbs = (["start", "stop", "restart"] as const).filter((v) =>
    s.containers.length === 0 ? false : v === "start" ? s.state !== "running" : s.running > 0,
  );
  if (!verbs.length) return null;
  const run = async (verb: (typeof verbs)[number]) => {
    setBusy(true);
    await runStackAction(`${LABEL[verb]} ${s.project}`, () =>
      composeVerbAction({ endpointId: s.endpointId, stack: s.project, verb }),
    );
    setBusy(false);
  };
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger
        aria-label={`Actions for stack ${s.project}`}
        aria-busy={busy || undefined}
        className="inline-flex h-7 w-7 items-center justify-center rounded hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
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
