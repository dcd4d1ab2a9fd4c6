"use client";

import { TableScroll } from "@/components/ui/table-scroll";
import type { TeamView, UserView } from "@/lib/access-views";
import {
  addTeamMemberAction,
  removeGrantAction,
  removeTeamMemberAction,
  setGrantAction,
} from "@/server/actions/teams/team-actions";
import { Button, ErrorText, SelectField, TextField, useActionRunner } from "./admin-parts";

export function TeamMembers({ team, users }: { team: TeamView; users: Pick<UserView, "id" | "username">[] }) {
  const { run, error, busy } = useActionRunner();
  const candidates = users.filter((u) => !team.members.some((m) => m.userId === u.id));
  return (
    <div className="space-y-2">
      <TableScroll label="Members table">
        <table className="w-full text-left text-sm">
          <caption className="text-left font-medium">Members of {team.name}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.userId} className="border-b border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-1 font-normal">
                  {m.username}
                </th>
                <td className="text-right">
                  <Button onClick={() => void run(() => removeTeamMemberAction({ teamId: team.id, userId: m.userId }))}>
                    Remove member
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {candidates.length > 0 && (
        <form
          aria-label={`Add member to ${team.name}`}
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const userId = String(new FormData(e.currentTarget).get("userId") ?? "");
            void run(() => addTeamMemberAction({ teamId: team.id, userId }));
          }}
        >
          <SelectField
            label="User"
            name="userId"
            options={candidates.map((u) => ({ value: u.id, label: u.username }))}
          />
          <Button type="submit" disabled={busy}>
            Add member
          </Button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}

export function TeamAccess({ team, endpoints }: { team: TeamView; endpoints: { id: string; name: string }[] }) {
  const { run, error, busy } = useActionRunner();
  return (
    <div className="space-y-2">
      <TableScroll label="Grants table">
        <table className="w-full text-left text-sm">
          <caption className="text-left font-medium">Access of {team.name}</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Role</th>
              <th scope="col">Namespaces</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.grants.map((g) => (
              <tr key={g.endpointId} className="border-b border-slate-200 dark:border-slate-800">
                <th scope="row" className="py-1 font-normal">
                  {g.endpointName}
                </th>
                <td>{g.role}</td>
                <td>{g.namespaces ? g.namespaces.join(", ") : "all"}</td>
                <td className="text-right">
                  <Button
                    onClick={() => void run(() => removeGrantAction({ teamId: team.id, endpointId: g.endpointId }))}
                  >
                    Revoke access
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {endpoints.length > 0 && (
        <form
          aria-label={`Grant access to ${team.name}`}
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            void run(() =>
              setGrantAction({
                teamId: team.id,
                endpointId: String(data.get("endpointId") ?? ""),
                role: String(data.get("role") ?? ""),
                namespaces: String(data.get("namespaces") ?? ""),
              }),
            );
          }}
        >
          <SelectField
            label="Endpoint"
            name="endpointId"
            options={endpoints.map((e) => ({ value: e.id, label: e.name }))}
          />
          <SelectField
            label="Role"
            name="role"
            options={[
              { value: "viewer", label: "viewer (read-only)" },
              { value: "operator", label: "operator" },
            ]}
          />
          <TextField label="Kubernetes namespaces (empty: all)" name="namespaces" required={false} />
          <Button type="submit" disabled={busy}>
            Grant access
          </Button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}
