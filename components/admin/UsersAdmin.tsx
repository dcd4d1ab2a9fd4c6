"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SimpleTable } from "@/components/ui/simple-table";
import type { UserView } from "@/lib/access-views";
import { formatTime } from "@/lib/format";
import {
  createUserAction,
  deleteUserAction,
  resetPasswordAction,
  setUserAdminAction,
  setUserDisabledAction,
} from "@/server/actions/users/user-actions";
import { Button, ErrorText, FormDialog, TextField, useActionRunner } from "./admin-parts";

function CreateUserForm() {
  const { run, error, fieldErrors, busy } = useActionRunner();
  return (
    <form
      aria-label="Create user"
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = Object.fromEntries(new FormData(form));
        const done = await run(async () => {
          const r = await createUserAction(data);
          return r.ok ? { ok: true as const, data: true } : r;
        });
        if (done) form.reset();
      }}
    >
      <TextField label="Username" name="username" error={fieldErrors.username} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={fieldErrors.password}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isAdmin" />
        Administrator
      </label>
      <Button type="submit" disabled={busy}>
        Create user
      </Button>
      <div className="w-full">
        <ErrorText error={error} />
      </div>
    </form>
  );
}

export function UsersAdmin({ users, meId }: { users: UserView[]; meId: string }) {
  const { run, error } = useActionRunner();
  const reset = useActionRunner();
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [deleting, setDeleting] = useState<UserView | null>(null);

  return (
    <div className="space-y-6">
      <section aria-labelledby="create-user-heading" className="space-y-2">
        <h2 id="create-user-heading" className="text-lg font-semibold">
          New user
        </h2>
        <CreateUserForm />
      </section>
      <ErrorText error={error} />
      <SimpleTable
        label="Users table"
        caption="Users"
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { header: "Username", cell: (u) => u.username, className: "py-2 pr-3 font-medium" },
          { header: "Role", cell: (u) => (u.isAdmin ? "admin" : "user") },
          { header: "Status", cell: (u) => (u.disabled ? "disabled" : "active") },
          { header: "Created (UTC)", cell: (u) => formatTime(u.createdAt), className: "pr-3 text-xs" },
        ]}
        actionsClassName="flex flex-wrap justify-end gap-2 py-1"
        actions={(u) => (
          <>
            {u.id !== meId && (
              <>
                <Button onClick={() => void run(() => setUserDisabledAction({ userId: u.id, disabled: !u.disabled }))}>
                  {u.disabled ? "Enable" : "Disable"}
                </Button>
                <Button onClick={() => void run(() => setUserAdminAction({ userId: u.id, isAdmin: !u.isAdmin }))}>
                  {u.isAdmin ? "Remove admin" : "Make admin"}
                </Button>
              </>
            )}
            <Button onClick={() => setResetting(u)}>Reset password</Button>
            {u.id !== meId && (
              <Button danger onClick={() => setDeleting(u)}>
                Delete
              </Button>
            )}
          </>
        )}
      />
      {resetting && (
        <FormDialog
          title={`New password for ${resetting.username}`}
          submitLabel="Set password"
          error={reset.error}
          onClose={() => {
            reset.setError(null);
            setResetting(null);
          }}
          onSubmit={async (data) =>
            (await reset.run(async () => {
              const r = await resetPasswordAction({ userId: resetting.id, password: data.password });
              return r.ok ? { ok: true as const, data: true } : r;
            })) === true
          }
        >
          <TextField label="New password" name="password" type="password" autoComplete="new-password" />
        </FormDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete user ${deleting.username}?`}
          body="The user, their team memberships and their API tokens are deleted. This cannot be undone."
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const u = deleting;
            setDeleting(null);
            void run(() => deleteUserAction({ userId: u.id }));
          }}
        />
      )}
    </div>
  );
}
