"use client";

import { useState } from "react";
import { Button, ErrorText, TextField, useActionRunner } from "@/components/admin/admin-parts";
import { CopyButton } from "@/components/ui/copy-button";
import { qrPath } from "@/lib/qr-path";
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  startTwoFactorAction,
} from "@/server/actions/account/two-factor-actions";

export function TwoFactorSetup({ enabled }: { enabled: boolean }) {
  const { run, error, fieldErrors, busy } = useActionRunner();
  const [pending, setPending] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) {
    return (
      <section
        aria-label="Recovery codes"
        className="space-y-2 rounded border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950"
      >
        <p>
          Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once if you lose your
          device. They are not shown again.
        </p>
        <ul className="grid grid-cols-2 gap-1 font-mono">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Button onClick={() => setCodes(null)}>Done</Button>
      </section>
    );
  }

  if (enabled) {
    return (
      <form
        aria-label="Turn off two-factor sign-in"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const code = String(form.get("code") ?? "");
          const password = String(form.get("password") ?? "");
          void run(() => disableTwoFactorAction({ password, code }));
        }}
      >
        <p className="w-full text-sm">Two-factor sign-in is on.</p>
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          error={fieldErrors.password}
        />
        <TextField
          label="Current code or a recovery code"
          name="code"
          autoComplete="one-time-code"
          error={fieldErrors.code}
        />
        <Button type="submit" danger disabled={busy}>
          Turn off two-factor
        </Button>
        <div className="w-full">
          <ErrorText error={error} />
        </div>
      </form>
    );
  }

  if (!pending) {
    return (
      <div className="space-y-2">
        <p className="text-sm">Two-factor sign-in is off.</p>
        <Button
          disabled={busy}
          onClick={async () => {
            const started = await run(() => startTwoFactorAction({}));
            if (started) setPending(started);
          }}
        >
          Set up two-factor
        </Button>
        <ErrorText error={error} />
      </div>
    );
  }

  return (
    <form
      aria-label="Confirm two-factor sign-in"
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "");
        const done = await run(() => confirmTwoFactorAction({ code }));
        if (done) setCodes(done.recoveryCodes);
      }}
    >
      <p className="text-sm">
        Scan this code with your authenticator app (or type the key into it), then enter the code it shows.
      </p>
      <QrCode text={pending.uri} />
      <p className="flex flex-wrap items-center gap-2 text-sm">
        Key:{" "}
        <output aria-label="Two-factor key" className="font-mono">
          {pending.secret}
        </output>
        <CopyButton value={pending.secret} label="Copy key" />
      </p>
      <p className="break-all text-xs">
        <a href={pending.uri} className="underline">
          {pending.uri}
        </a>
      </p>
      <TextField label="Code from the app" name="code" autoComplete="one-time-code" error={fieldErrors.code} />
      <Button type="submit" disabled={busy}>
        Turn on two-factor
      </Button>
      <ErrorText error={error} />
    </form>
  );
}

/** The otpauth:// link as a QR code: dark on white in both themes (scanners want that), with its quiet zone. */
function QrCode({ text }: { text: string }) {
  const { size, d } = qrPath(text);
  return (
    <svg
      role="img"
      aria-label="QR code of the two-factor key"
      viewBox={`0 0 ${size} ${size}`}
      width={size * 5}
      height={size * 5}
      shapeRendering="crispEdges"
      className="rounded bg-white"
      data-qr-path={d}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
