"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toast";
import type { ChannelView } from "@/lib/alert-schemas";
import { CHANNEL_KINDS, CHANNEL_LABELS, type ChannelKind } from "@/lib/alerts";
import { saveChannelAction } from "@/server/actions/alerts/alert-actions";

type Fields = Record<string, string>;

/** The fields each kind asks for: [field, label, secret?]. Secret fields are write-only (blank = keep). */
const FIELDS: Record<ChannelKind, [string, string, boolean?][]> = {
  webhook: [
    ["url", "URL"],
    ["secret", "Signing secret (HMAC-SHA256)", true],
  ],
  slack: [["url", "Slack incoming webhook URL", true]],
  discord: [["url", "Discord webhook URL", true]],
  teams: [["url", "Teams webhook URL", true]],
  ntfy: [
    ["server", "ntfy server URL"],
    ["topic", "Topic"],
    ["token", "Access token", true],
  ],
  gotify: [
    ["server", "Gotify server URL"],
    ["token", "Application token", true],
  ],
  email: [
    ["host", "SMTP host"],
    ["port", "SMTP port"],
    ["username", "SMTP username"],
    ["password", "SMTP password", true],
    ["from", "From address"],
    ["to", "To addresses (comma-separated)"],
  ],
};

function toConfig(kind: ChannelKind, f: Fields, secure: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { kind };
  for (const [field] of FIELDS[kind]) out[field] = f[field] ?? "";
  if (kind === "email") {
    out.port = Number(f.port || "25");
    out.secure = secure;
    out.to = (f.to ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return out;
}

/** Add or edit an alert channel (admins). A channel's kind is fixed once made. */
export function ChannelDialog(props: { channel?: ChannelView; onClose: () => void; onSaved: () => void }) {
  const c = props.channel;
  const [kind, setKind] = useState<ChannelKind>(c?.kind ?? "webhook");
  const [name, setName] = useState(c?.name ?? "");
  const initial = (c?.config ?? {}) as Record<string, unknown>;
  const [fields, setFields] = useState<Fields>(
    Object.fromEntries(
      Object.entries(initial).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v === undefined ? "" : String(v)]),
    ),
  );
  const [secure, setSecure] = useState(initial.secure === true);
  const id = useId();
  return (
    <FormDialog
      title={c ? `Edit alert channel ${c.name}` : "Add alert channel"}
      submitLabel="Save channel"
      onClose={props.onClose}
      run={async () => {
        const r = await saveChannelAction({ id: c?.id, name, config: toConfig(kind, fields, secure) });
        if (!r.ok) return { ok: false, error: fieldMessage(r) };
        toast.success(`Saved alert channel ${r.data.name}`);
        props.onSaved();
        return { ok: true };
      }}
    >
      <label htmlFor={`${id}-name`} className="block text-sm font-medium">
        Name
      </label>
      <input
        id={`${id}-name`}
        className={`${inputClass} w-full`}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
        Kind
      </label>
      <select
        id={`${id}-kind`}
        className={inputClass}
        value={kind}
        disabled={!!c}
        onChange={(e) => setKind(e.target.value as ChannelKind)}
      >
        {CHANNEL_KINDS.map((k) => (
          <option key={k} value={k}>
            {CHANNEL_LABELS[k]}
          </option>
        ))}
      </select>
      {FIELDS[kind].map(([field, label, secret]) => (
        <div key={field}>
          <label htmlFor={`${id}-${field}`} className="block text-sm font-medium">
            {label}
          </label>
          <input
            id={`${id}-${field}`}
            type={secret ? "password" : "text"}
            autoComplete={secret ? "new-password" : "off"}
            placeholder={secret && c?.storedSecrets.includes(field) ? "(stored; leave blank to keep)" : ""}
            className={`${inputClass} w-full`}
            value={fields[field] ?? ""}
            onChange={(e) => setFields((f) => ({ ...f, [field]: e.target.value }))}
          />
        </div>
      ))}
      {kind === "email" && (
        <span className="flex items-center gap-2 text-sm">
          <input id={`${id}-secure`} type="checkbox" checked={secure} onChange={(e) => setSecure(e.target.checked)} />
          <label htmlFor={`${id}-secure`}>TLS from the start (port 465)</label>
        </span>
      )}
    </FormDialog>
  );
}

/** The server's message, with field errors spelled out (zod paths like config.url). */
export function fieldMessage(r: { error: string; fieldErrors?: Record<string, string> }): string {
  const fe = Object.entries(r.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`);
  return fe.length ? `${r.error} (${fe.join("; ")})` : r.error;
}
