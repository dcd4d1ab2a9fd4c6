"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { signInWithPassword } from "./auth-client";
import { Field, SubmitButton } from "./form-parts";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const ok = await signInWithPassword(
        String(data.get("username") ?? ""),
        String(data.get("password") ?? ""),
        String(data.get("code") ?? ""),
      );
      if (!ok) {
        setError(data.get("code") ? "Wrong username, password or code." : "Wrong username or password.");
        return;
      }
      router.replace(next);
      router.refresh();
    } catch {
      setError("Berth could not be reached. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Sign in">
      <Field label="Username" name="username" autoComplete="username" />
      <Field label="Password" name="password" type="password" autoComplete="current-password" />
      <Field label="Two-factor code (if you turned it on)" name="code" autoComplete="one-time-code" required={false} />
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-300">
          {error}
        </p>
      )}
      <SubmitButton busy={busy}>Sign in</SubmitButton>
    </form>
  );
}
