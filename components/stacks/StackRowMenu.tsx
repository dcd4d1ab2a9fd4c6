"use client";

import { MoreHorizontal } from "lucide-react";
import { ROW_MENU_TRIGGER, StandInTrigger, useLazyMenu } from "@/components/ui/lazy-menu";
import type { StackSummary } from "@/lib/stacks";
import { stackVerbs } from "./stack-verbs";

/** Start, stop and restart of a whole project from its row; the menu's code loads on first use. */
export function StackRowMenu({ s }: { s: StackSummary }) {
  const lazy = useLazyMenu(() => import("./StackRowMenuRadix").then((m) => m.StackRowMenuRadix));
  if (stackVerbs(s).length === 0) return null;
  if (!lazy.Menu) {
    return (
      <StandInTrigger
        className={ROW_MENU_TRIGGER}
        onArm={lazy.arm}
        busy={lazy.loading}
        label={`Actions for stack ${s.project}`}
      >
        <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
      </StandInTrigger>
    );
  }
  return <lazy.Menu s={s} open={lazy.open} onOpenChange={lazy.setOpen} />;
}
