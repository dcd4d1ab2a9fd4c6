"use client";

import { useId, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toast";
import type { RuleView } from "@/lib/alert-schemas";
import { RULE_KINDS, RULE_LABELS, type RuleKind } from "@/lib/alerts";
import { saveRuleAction } from "@/server/actions/alerts/alert-actions";
import { fieldMessage } from "./ChannelDialog";

type Choice = { id: string; name: string };

/** Add or edit an alert rule of one endpoint (operators of it, admins). */
export function RuleDialog(props: {
  rule?: RuleView;
  endpoints: Choice[];
  channels: Choice[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const r = props.rule;
  const id = useId();
  const [endpointId, setEndpointId] = useState(r?.endpointId ?? props.endpoints[0]?.id ?? "");
  const [name, setName] = useState(r?.name ?? "");
  const [trigger, setTrigger] = useState<RuleKind>(r?.trigger ?? "die");
  const [num, setNum] = useState({
    count: String(r?.count ?? 3),
    windowMinutes: String(r?.windowMinutes ?? 5),
    threshold: String(r?.threshold ?? 90),
    durationSeconds: String(r?.durationSeconds ?? 60),
    cooldownSeconds: String(r?.cooldownSeconds ?? 60),
  });
  const [text, setText] = useState({
    project: r?.project ?? "",
    label: r?.label ?? "",
    quietFrom: r?.quietFrom ?? "",
    quietTo: r?.quietTo ?? "",
  });
  const [channels, setChannels] = useState<Set<string>>(new Set(r?.channelIds ?? []));
  const [enabled, setEnabled] = useState(r?.enabled ?? true);
  const numField = (k: keyof typeof num, label: string) => (
    <div>
      <label htmlFor={`${id}-${k}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${k}`}
        inputMode="numeric"
        className={`${inputClass} w-28`}
        value={num[k]}
        onChange={(e) => setNum((n) => ({ ...n, [k]: e.target.value }))}
      />
    </div>
  );
  const textField = (k: keyof typeof text, label: string, placeholder = "") => (
    <div>
      <label htmlFor={`${id}-${k}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${k}`}
        placeholder={placeholder}
        className={`${inputClass} w-full`}
        value={text[k]}
        onChange={(e) => setText((t) => ({ ...t, [k]: e.target.value }))}
      />
    </div>
  );
  return (
    <FormDialog
      title={r ? `Edit alert rule ${r.name}` : "Add alert rule"}
      submitLabel="Save rule"
      wide
      onClose={props.onClose}
      run={async () => {
        const numbers = Object.fromEntries(Object.entries(num).map(([k, v]) => [k, Number(v)]));
        const res = await saveRuleAction({
          ...numbers,
          ...text,
          id: r?.id,
          endpointId,
          name,
          trigger,
          channelIds: [...channels],
          enabled,
        });
        if (!res.ok) return { ok: false, error: fieldMessage(res) };
        toast.success(`Saved alert rule ${res.data.name}`);
        props.onSaved();
        return { ok: true };
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-endpoint`} className="block text-sm font-medium">
            Endpoint
          </label>
          <select
            id={`${id}-endpoint`}
            className={inputClass}
            value={endpointId}
            disabled={!!r}
            onChange={(e) => setEndpointId(e.target.value)}
          >
            {props.endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Name
          </label>
          <input
            id={`${id}-name`}
            className={`${inputClass} w-full`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={`${id}-trigger`} className="block text-sm font-medium">
            When
          </label>
          <select
            id={`${id}-trigger`}
            className={inputClass}
            value={trigger}
            onChange={(e) => setTrigger(e.target.value as RuleKind)}
          >
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {RULE_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {trigger === "restart-loop" && numField("count", "Restarts")}
        {trigger === "restart-loop" && numField("windowMinutes", "Within minutes")}
        {(trigger === "cpu" || trigger === "memory") && numField("threshold", "Threshold (%)")}
        {(trigger === "cpu" || trigger === "memory") && numField("durationSeconds", "For seconds")}
        {trigger !== "endpoint-down" && textField("project", "Only compose project (stack)")}
        {trigger !== "endpoint-down" &&
          trigger !== "deploy-failed" &&
          textField("label", "Only containers with label", "key or key=value")}
        {numField("cooldownSeconds", "Cooldown (seconds)")}
        {textField("quietFrom", "Quiet from (UTC)", "22:00")}
        {textField("quietTo", "Quiet until (UTC)", "07:00")}
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Send to</legend>
        {props.channels.length === 0 && <p>No alert channels yet: an admin adds them on this page.</p>}
        {props.channels.map((c) => (
          <span key={c.id} className="mr-4 inline-flex items-center gap-1">
            <input
              id={`${id}-ch-${c.id}`}
              type="checkbox"
              checked={channels.has(c.id)}
              onChange={(e) =>
                setChannels((cur) => {
                  const next = new Set(cur);
                  e.target.checked ? next.add(c.id) : next.delete(c.id);
                  return next;
                })
              }
            />
            <label htmlFor={`${id}-ch-${c.id}`}>{c.name}</label>
          </span>
        ))}
      </fieldset>
      <span className="flex items-center gap-2 text-sm">
        <input id={`${id}-enabled`} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={`${id}-enabled`}>Enabled</label>
      </span>
    </FormDialog>
  );
}
