"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TeamView, UserView } from "@/lib/access-views";
import { createTeamAction, deleteTeamAction } from "@/server/actions/teams/team-actions";
import { Button, ErrorText, TextField, useActionRunner } from "./admin-parts";
import { TeamAccess, TeamMembers } from "./TeamSections";

function CreateTeamForm() {
  const { run, error, fieldErrors, busy } = useActionRunner();
  return (
    <form
      aria-label="Create team"
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = Object.fromEntries(new FormData(form));
        const done = await run(async () => {
          const r = await createTeamAction(data);
          return r.ok ? { ok: true as const, data: true } : r;
        });
        if (done) form.reset();
      }}
    >
      <TextField label="Team name" name="name" error={fieldErrors.name} />
      <Button type="submit" disabled={busy}>
        Create team
      </Button>
      <div className="w-full">
        <ErrorText error={error} />
      </div>
    </form>
  );
}

export function TeamsAdmin(props: {
  teams: TeamView[];
  users: Pick<UserView, "id" | "username">[];
  endpoints: { id: string; name: string }[];
}) {
  const { run, error } = useActionRunner();
  const [deleting, setDeleting] = useState<TeamView | null>(null);
  return (
    <div className="space-y-6">
      <section aria-labelledby="create-team-heading" className="space-y-2">
        <h2 id="create-team-heading" className="text-lg font-semibold">
          New team
        </h2>
        <CreateTeamForm />
      </section>
      <ErrorText error={error} />
      {props.teams.length === 0 && <p>No teams yet.</p>}
      {props.teams.map((team) => (
        <section
          key={team.id}
          aria-label={`Team ${team.name}`}
          className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
        >
          <div className="flex items-center gap-2">
            <h2 className="text-lg font-semibold">{team.name}</h2>
            <span className="ml-auto">
              <Button danger onClick={() => setDeleting(team)}>
                Delete
              </Button>
            </span>
          </div>
          <TeamMembers team={team} users={props.users} />
          <TeamAccess team={team} endpoints={props.endpoints} />
        </section>
      ))}
      {deleting && (
        <ConfirmDialog
          title={`Delete team ${deleting.name}?`}
          body="Its members lose the access this team gave them at once."
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const t = deleting;
            setDeleting(null);
            void run(() => deleteTeamAction({ teamId: t.id }));
          }}
        />
      )}
    </div>
  );
}
