"use client";

import { MoreHorizontal } from "lucide-react";
import { ROW_MENU_TRIGGER, StandInTrigger, useLazyMenu } from "@/components/ui/lazy-menu";
import type { ContainerSummary } from "@/lib/domain";
import type { UpdateView } from "@/lib/updates";

/**
 * The row's "Actions for <name>" menu. Its code (Radix menu, popper, the dialogs it opens) loads on first use: the
 * list page no longer pays for it in first-load JavaScript.
 */
export function ContainerRowMenu(props: { c: ContainerSummary; canCreate: boolean; update?: UpdateView }) {
  const lazy = useLazyMenu(() => import("./ContainerRowMenuRadix").then((m) => m.ContainerRowMenuRadix));
  if (!lazy.Menu) {
    return (
      <StandInTrigger
        className={ROW_MENU_TRIGGER}
        onArm={lazy.arm}
        busy={lazy.loading}
        label={`Actions for ${props.c.name}`}
      >
        <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
      </StandInTrigger>
    );
  }
  return <lazy.Menu {...props} open={lazy.open} onOpenChange={lazy.setOpen} />;
}
