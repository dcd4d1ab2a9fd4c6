"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { cn } from "./cn";
import { type DialogProps, dialogContentClass, dialogOverlayClass } from "./dialog";

/**
 * A modal dialog on Radix: focus is trapped and returned to where it was, Escape and the close button call onClose,
 * the title is the dialog's accessible name. Mounted = open: callers render it conditionally, as before.
 */
export function RadixModal(props: DialogProps) {
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && props.onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={dialogOverlayClass} />
        <RadixDialog.Content
          className={cn(dialogContentClass, props.wide ? "w-[48rem] max-w-[95vw]" : "w-[32rem] max-w-[95vw]")}
          {...(props.description ? {} : { "aria-describedby": undefined })}
        >
          <div className="mb-3 flex items-start justify-between gap-4">
            <RadixDialog.Title className="text-lg font-semibold break-words">{props.title}</RadixDialog.Title>
            <RadixDialog.Close
              aria-label="Close"
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
            >
              <X aria-hidden className="size-4" />
            </RadixDialog.Close>
          </div>
          {props.description && (
            <RadixDialog.Description className="mb-4 text-sm">{props.description}</RadixDialog.Description>
          )}
          {props.children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
