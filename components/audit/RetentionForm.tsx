"use client";

import { useState } from "react";
import { Button, ErrorText, TextField, useActionRunner } from "@/components/admin/admin-parts";
import { setAuditRetentionAction } from "@/server/actions/audit/audit-actions";

export function RetentionForm({ days }: { days: number }) {
  const { run, error, fieldErrors, busy } = useActionRunner();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <form
      aria-label="Audit retention"
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(null);
        const data = Object.fromEntries(new FormData(e.currentTarget));
        const pruned = await run(() => setAuditRetentionAction(data));
        if (pruned !== undefined) setSaved(`Saved; ${pruned} older records pruned.`);
      }}
    >
      <p className="w-full text-sm">
        Records are kept for <strong>{days === 0 ? "ever" : `${days} days`}</strong>; older ones are pruned hourly.
      </p>
      <TextField label="Keep records for (days, 0 = forever)" name="days" type="number" error={fieldErrors.days} />
      <Button type="submit" disabled={busy}>
        Save retention
      </Button>
      <p aria-live="polite" className="w-full text-sm">
        {saved}
      </p>
      <div className="w-full">
        <ErrorText error={error} />
      </div>
    </form>
  );
}
