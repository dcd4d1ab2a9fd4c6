"use client";

import { useState } from "react";
import { Button, ErrorText, useActionRunner } from "@/components/admin/admin-parts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TableScroll } from "@/components/ui/table-scroll";
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
        <TableScroll label="Status pages table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Status pages</caption>
            <thead className="border-b border-slate-300 dark:border-slate-700">
              <tr>
                <th scope="col" className="py-2">
                  Slug
                </th>
                <th scope="col">Title</th>
                <th scope="col">Items</th>
                <th scope="col">Public page</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.pages.map((p) => (
                <tr key={p.id} className="border-b border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-2 font-medium">
                    {p.slug}
                  </th>
                  <td>{p.title}</td>
                  <td>{p.items.length}</td>
                  <td>
                    <a href={`/status/${p.slug}`} className="text-blue-700 hover:underline dark:text-blue-400">
                      /status/{p.slug}
                    </a>
                  </td>
                  <td className="space-x-2 text-right">
                    <Button onClick={() => setEditing(p)}>Edit</Button>
                    <Button danger onClick={() => setDeleting(p)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
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
