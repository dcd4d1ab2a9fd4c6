"use client";

import { useState } from "react";
import { Button, ErrorText, useActionRunner } from "@/components/admin/admin-parts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import type { StatusPageAdminView, StatusSource } from "@/lib/status-view";
import { deleteStatusPageAction } from "@/server/actions/status-pages/status-page-actions";
import { StatusPageEditor } from "./StatusPageEditor";

/** The admin list of status pages, with create, edit and delete. */
export function StatusPagesAdmin(props: { pages: StatusPageAdminView[]; sources: StatusSource[] }) {
  const { run, error } = useActionRunner();
  const [editing, setEditing] = useState<StatusPageAdminView | "new" | null>(null);
  const [deleting, setDeleting] = useState<StatusPageAdminView | null>(null);
  return (
    <div className="space-y-6">
      {editing === null ? (
        <Button onClick={() => setEditing("new")}>New status page</Button>
      ) : (
        <StatusPageEditor
          // A fresh editor per page: its drafts start from that page.
          key={editing === "new" ? "new" : editing.id}
          page={editing === "new" ? undefined : editing}
          sources={props.sources}
          onDone={() => setEditing(null)}
        />
      )}
      <ErrorText error={error} />
      {props.pages.length === 0 ? (
        <p>No status pages yet.</p>
      ) : (
        <SimpleTable
          label="Status pages table"
          caption="Status pages"
          rows={props.pages}
          rowKey={(p) => p.id}
          columns={[
            { header: "Slug", cell: (p) => p.slug, className: "py-2 pr-3 font-medium" },
            { header: "Title", cell: (p) => p.title },
            { header: "Items", cell: (p) => p.items.length },
            {
              header: "Public page",
              cell: (p) => (
                <a href={`/status/${p.slug}`} className="text-blue-700 hover:underline dark:text-blue-400">
                  /status/{p.slug}
                </a>
              ),
            },
          ]}
          actions={(p) => (
            <>
              <Button onClick={() => setEditing(p)}>Edit</Button>
              <Button danger onClick={() => setDeleting(p)}>
                Delete
              </Button>
            </>
          )}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete status page ${deleting.slug}?`}
          body="Its public URL stops working at once, for everyone who has it."
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const page = deleting;
            setDeleting(null);
            if (editing !== null && editing !== "new" && editing.id === page.id) setEditing(null);
            void run(() => deleteStatusPageAction({ id: page.id }));
          }}
        />
      )}
    </div>
  );
}
