"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { createAdmin } from "@/server/actions/setup/setup-actions";
import { Field, SubmitButton } from "./form-parts";

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget));
    setBusy(true);
    const result = await createAdmin({ ...data, token }).finally(() => setBusy(false));
    if (result.ok) {
      router.replace("/login");
      return;
    }
    setError(result.error);
    setFieldErrors(result.fieldErrors ?? {});
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Create admin">
      <Field label="Username" name="username" autoComplete="username" error={fieldErrors.username} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={fieldErrors.password}
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={fieldErrors.confirmPassword}
      />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-300">
          {error}
        </p>
      )}
      <SubmitButton busy={busy}>Create admin</SubmitButton>
    </form>
  );
}
