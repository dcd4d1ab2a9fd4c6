"use client";

import { MoreHorizontal } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { RecreateDialog, RenameDialog } from "@/components/containers/ContainerDialogs";
import { runContainerVerb } from "@/components/containers/run-container-verb";
import { UpdateDialog } from "@/components/containers/UpdateDialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ROW_MENU_TRIGGER } from "@/components/ui/lazy-menu";
import { VERB_LABEL, verbsFor } from "@/lib/container-state";
import type { ContainerSummary } from "@/lib/domain";
import type { UpdateView } from "@/lib/updates";
import { containerHref } from "./container-columns";

/**
 * One compact menu per row instead of a row of buttons: one tab stop ("Actions for <name>"), the verbs the state
 * allows, Edit/Duplicate/Rename/Recreate, and Remove behind a confirmation. Rendered only where the user may operate;
 * `canCreate` adds what makes a container (Duplicate, Edit, Recreate). Loaded on first use by ContainerRowMenu.
 */
export function ContainerRowMenuRadix(props: {
  c: ContainerSummary;
  canCreate: boolean;
  update?: UpdateView;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { c } = props;
  const [dialog, setDialog] = useState<"remove" | "rename" | "recreate" | "update" | null>(null);
  const [busy, setBusy] = useState(false);
  const verbs = verbsFor(c.state).filter((v) => v !== "remove");
  const base = containerHref(c);
  const run = async (verb: Parameters<typeof runContainerVerb>[0]) => {
    setBusy(true);
    await runContainerVerb(verb, c);
    setBusy(false);
  };
  return (
    <>
      {/* Not modal: the dialogs a menu item opens take the focus; a modal menu would hand it back to its trigger. */}
      <DropdownMenu modal={false} open={props.open} onOpenChange={props.onOpenChange}>
        <DropdownMenuTrigger
          aria-label={`Actions for ${c.name}`}
          aria-busy={busy || undefined}
          className={ROW_MENU_TRIGGER}
        >
          <MoreHorizontal aria-hidden="true" className="h-4 w-4" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {verbs.map((v) => (
            <DropdownMenuItem key={v} disabled={busy} onSelect={() => void run(v)}>
              {VERB_LABEL[v]}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          {props.canCreate && (
            <DropdownMenuItem asChild>
              <Link href={`${base}/edit`}>Edit</Link>
            </DropdownMenuItem>
          )}
          {props.canCreate && (
            <DropdownMenuItem asChild>
              <Link
                href={`/endpoints/${encodeURIComponent(c.endpointId)}/containers/new?from=${encodeURIComponent(c.id)}`}
              >
                Duplicate
              </Link>
            </DropdownMenuItem>
          )}
          <DropdownMenuItem onSelect={() => setDialog("rename")}>Rename</DropdownMenuItem>
          {props.canCreate && <DropdownMenuItem onSelect={() => setDialog("recreate")}>Recreate</DropdownMenuItem>}
          {props.canCreate && props.update?.state === "available" && (
            <DropdownMenuItem onSelect={() => setDialog("update")}>Update image</DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive disabled={busy} onSelect={() => setDialog("remove")}>
            Remove
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {dialog === "remove" && (
        <ConfirmDialog
          title={`Remove container ${c.name}?`}
          body="The container and its anonymous volumes are deleted, running or not. This cannot be undone."
          confirmLabel="Remove"
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run("remove");
          }}
        />
      )}
      {dialog === "rename" && <RenameDialog endpointId={c.endpointId} container={c} onClose={() => setDialog(null)} />}
      {dialog === "update" && props.update && (
        <UpdateDialog
          endpointId={c.endpointId}
          container={c}
          image={props.update.image}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "recreate" && (
        <RecreateDialog endpointId={c.endpointId} container={c} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
