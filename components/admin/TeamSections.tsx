"use client";

import { SimpleTable } from "@/components/ui/simple-table";
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
      <SimpleTable
        label="Members table"
        caption={`Members of ${team.name}`}
        captionVisible
        rows={team.members}
        rowKey={(m) => m.userId}
        empty="No members yet."
        columns={[{ header: "Username", cell: (m) => m.username, className: "py-1 pr-3 font-normal" }]}
        actionsClassName="py-1 text-right"
        actions={(m) => (
          <Button onClick={() => void run(() => removeTeamMemberAction({ teamId: team.id, userId: m.userId }))}>
            Remove member
          </Button>
        )}
      />
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
      <SimpleTable
        label="Grants table"
        caption={`Access of ${team.name}`}
        captionVisible
        rows={team.grants}
        rowKey={(g) => g.endpointId}
        empty="No access yet: the team's members see no endpoint through it."
        columns={[
          { header: "Endpoint", cell: (g) => g.endpointName, className: "py-1 pr-3 font-normal" },
          { header: "Role", cell: (g) => g.role },
          { header: "Namespaces", cell: (g) => (g.namespaces ? g.namespaces.join(", ") : "all") },
        ]}
        actionsClassName="py-1 text-right"
        actions={(g) => (
          <Button onClick={() => void run(() => removeGrantAction({ teamId: team.id, endpointId: g.endpointId }))}>
            Revoke access
          </Button>
        )}
      />
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
