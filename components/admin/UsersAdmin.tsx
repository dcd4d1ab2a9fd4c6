"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TableScroll } from "@/components/ui/table-scroll";
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
      <TableScroll label="Users table">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2">
                Username
              </th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-2 font-medium">
                  {u.username}
                </th>
                <td>{u.isAdmin ? "admin" : "user"}</td>
                <td>{u.disabled ? "disabled" : "active"}</td>
                <td className="text-xs">{formatTime(u.createdAt)}</td>
                <td className="flex flex-wrap justify-end gap-2 py-1">
                  {u.id !== meId && (
                    <>
                      <Button
                        onClick={() => void run(() => setUserDisabledAction({ userId: u.id, disabled: !u.disabled }))}
                      >
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
