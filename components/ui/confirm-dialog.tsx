"use client";

import { UiButton } from "./button";
import { Dialog, DialogFooter } from "./dialog";

/** A confirmation: the destructive verb on the red button, Cancel (or Escape) backs out. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  return (
    <Dialog title={props.title} onClose={props.onCancel} description={props.body}>
      <DialogFooter>
        <UiButton variant="ghost" onClick={props.onCancel}>
          Cancel
        </UiButton>
        <UiButton variant="danger" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </UiButton>
      </DialogFooter>
    </Dialog>
  );
}
