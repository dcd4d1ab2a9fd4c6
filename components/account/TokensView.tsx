"use client";

import { useState } from "react";
import { Button, ErrorText, TextField, useActionRunner } from "@/components/admin/admin-parts";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { SimpleTable } from "@/components/ui/simple-table";
import type { TokenView } from "@/lib/access-views";
import { formatTime } from "@/lib/format";
import { createTokenAction, revokeTokenAction } from "@/server/actions/account/token-actions";

function tokenState(t: TokenView, now: number): string {
  if (t.revokedAt !== null) return "revoked";
  if (t.expiresAt !== null && t.expiresAt <= now) return "expired";
  return "active";
}

export function TokensView({ tokens, now }: { tokens: TokenView[]; now: number }) {
  const create = useActionRunner();
  const revoke = useActionRunner();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  return (
    <div className="space-y-6">
      <form
        aria-label="Create token"
        className="flex flex-wrap items-end gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = Object.fromEntries(new FormData(form));
          const result = await create.run(() => createTokenAction(data));
          if (result) {
            setCreated({ name: result.name, token: result.token });
            form.reset();
          }
        }}
      >
        <TextField label="Token name" name="name" error={create.fieldErrors.name} />
        <TextField
          label="Expires in days (0 = never)"
          name="expiresInDays"
          type="number"
          required={false}
          error={create.fieldErrors.expiresInDays}
        />
        <Button type="submit" disabled={create.busy}>
          Create token
        </Button>
        <div className="w-full">
          <ErrorText error={create.error} />
        </div>
      </form>
      {created && (
        <section
          aria-label="New token"
          className="space-y-2 rounded border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950"
        >
          <p>
            Copy the token <strong>{created.name}</strong> now: Berth stores only its hash and will not show it again.
            Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
          <output aria-label="Token value" className="block break-all font-mono">
            {created.token}
          </output>
          <div className="flex gap-2">
            <CopyButton value={created.token} label="Copy token" />
            <Button onClick={() => setCreated(null)}>Done</Button>
          </div>
        </section>
      )}
      <ErrorText error={revoke.error} />
      {tokens.length === 0 && (
        <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No tokens yet. A token lets a script or the command line call Berth&apos;s API as you, with your permissions:
          name it after where it will be used, and create it above.
        </p>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke token ${revoking.name}?`}
          body="Anything using it is refused from the next request on. This cannot be undone."
          confirmLabel="Revoke"
          busy={revoke.busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const t = revoking;
            setRevoking(null);
            void revoke.run(() => revokeTokenAction({ tokenId: t.id }));
          }}
        />
      )}
      {tokens.length > 0 && (
        <SimpleTable
          label="Tokens table"
          caption="Personal access tokens"
          rows={tokens}
          rowKey={(t) => t.id}
          columns={[
            { header: "Name", cell: (t) => t.name, className: "py-2 pr-3 font-medium" },
            { header: "State", cell: (t) => tokenState(t, now) },
            { header: "Created (UTC)", cell: (t) => formatTime(t.createdAt), className: "pr-3 text-xs" },
            {
              header: "Expires (UTC)",
              cell: (t) => (t.expiresAt ? formatTime(t.expiresAt) : "never"),
              className: "pr-3 text-xs",
            },
            {
              header: "Last used (UTC)",
              cell: (t) => (t.lastUsedAt ? formatTime(t.lastUsedAt) : "never"),
              className: "pr-3 text-xs",
            },
          ]}
          actions={(t) =>
            tokenState(t, now) === "active" && (
              <Button danger onClick={() => setRevoking(t)}>
                Revoke<span className="sr-only"> {t.name}</span>
              </Button>
            )
          }
        />
      )}
    </div>
  );
}
