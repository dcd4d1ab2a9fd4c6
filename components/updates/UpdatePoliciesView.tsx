"use client";

import { useId, useMemo, useState } from "react";
import { useUpdates } from "@/components/containers/list/update-parts";
import { inputClass, UiButton } from "@/components/ui/button";
import { TableScroll } from "@/components/ui/table-scroll";
import { toast } from "@/components/ui/toast";
import { COMPOSE_PROJECT_LABEL } from "@/lib/container-filter";
import type { ContainerSummary } from "@/lib/domain";
import {
  POLICY_LABELS,
  type PolicyChoice,
  type PolicyTarget,
  policyFor,
  type UpdatePolicies,
  type UpdatePolicy,
} from "@/lib/update-policy";
import type { SetUpdatePolicyInput } from "@/lib/update-policy-schemas";
import { type UpdateView, updateLabel } from "@/lib/updates";
import { setMaintenanceWindowAction, setUpdatePolicyAction } from "@/server/actions/updates/update-actions";

const cell = "py-1 pr-3 align-top";

/**
 * An endpoint's image update policies: the maintenance window (admins set it), and a policy per stack and per
 * container (operators). "auto" is only ever acted on inside the window, as the user who chose it.
 */
export function UpdatePoliciesView(props: {
  endpointId: string;
  policies: UpdatePolicies;
  containers: ContainerSummary[];
  updates: UpdateView[];
  canSet: boolean;
  canSetWindow: boolean;
}) {
  const [policies, setPolicies] = useState(props.policies);
  const [busy, setBusy] = useState(false);
  const stacks = useMemo(() => {
    const names = new Set(props.containers.map((c) => c.labels[COMPOSE_PROJECT_LABEL]).filter(Boolean) as string[]);
    for (const e of policies.entries) if (e.target === "stack") names.add(e.name);
    return [...names].sort();
  }, [props.containers, policies.entries]);
  const containers = useMemo(
    () => [...props.containers].sort((a, b) => a.name.localeCompare(b.name)),
    [props.containers],
  );
  // The last check per container, live over the endpoint's updates topic (the page's copy until it connects).
  const first = useMemo(() => new Map(props.updates.map((u) => [u.id, u])), [props.updates]);
  const endpointIds = useMemo(() => [props.endpointId], [props.endpointId]);
  const live = useUpdates(endpointIds);
  const updateOf = (c: ContainerSummary) => (live.size ? live.get(c) : first.get(c.id));
  const own = (target: PolicyTarget, name: string) =>
    policies.entries.find((e) => e.target === target && e.name === name);

  const choose = async (target: PolicyTarget, name: string, policy: PolicyChoice) => {
    setBusy(true);
    try {
      const r = await setUpdatePolicyAction({
        endpointId: props.endpointId,
        target,
        name,
        policy,
      } as SetUpdatePolicyInput);
      if (!r.ok) return void toast.error(`Policy of ${name} not saved`, { details: r.error });
      setPolicies(r.data);
      toast.success(`Update policy of ${name}: ${policy === "default" ? "default" : POLICY_LABELS[policy]}`);
    } finally {
      setBusy(false);
    }
  };

  const select = (target: PolicyTarget, name: string, inherited: UpdatePolicy, label: string) => {
    const mine = own(target, name);
    if (!props.canSet) return <span>{POLICY_LABELS[mine?.policy ?? inherited]}</span>;
    return (
      <select
        aria-label={label}
        className={`${inputClass} w-auto py-0.5`}
        disabled={busy}
        value={mine?.policy ?? "default"}
        onChange={(e) => void choose(target, name, e.target.value as PolicyChoice)}
      >
        <option value="default">
          {target === "container" && inherited !== "notify"
            ? `As its stack: ${POLICY_LABELS[inherited]}`
            : "Default (notify)"}
        </option>
        {(["off", "notify", "auto"] as const).map((p) => (
          <option key={p} value={p}>
            {POLICY_LABELS[p]}
          </option>
        ))}
      </select>
    );
  };

  return (
    <div className="space-y-6">
      <MaintenanceWindow
        endpointId={props.endpointId}
        window={policies.window}
        canSet={props.canSetWindow}
        onSaved={setPolicies}
      />
      <section aria-labelledby="stack-policies">
        <h2 id="stack-policies" className="mb-1 text-lg font-semibold">
          Stacks
        </h2>
        {stacks.length === 0 ? (
          <p className="text-sm">No compose stacks on this endpoint.</p>
        ) : (
          <TableScroll label="Stack update policies">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className={cell}>Stack</th>
                  <th className={cell}>Policy</th>
                </tr>
              </thead>
              <tbody>
                {stacks.map((s) => (
                  <tr key={s}>
                    <td className={`${cell} font-mono`}>{s}</td>
                    <td className={cell}>{select("stack", s, "notify", `Update policy of stack ${s}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="container-policies">
        <h2 id="container-policies" className="mb-1 text-lg font-semibold">
          Containers
        </h2>
        <TableScroll label="Container update policies">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left">
                <th className={cell}>Container</th>
                <th className={cell}>Image</th>
                <th className={cell}>Last check</th>
                <th className={cell}>Policy</th>
              </tr>
            </thead>
            <tbody>
              {containers.map((c) => {
                const project = c.labels[COMPOSE_PROJECT_LABEL];
                const stackPolicy = project
                  ? policyFor({ entries: policies.entries }, { name: "", labels: c.labels }).policy
                  : "notify";
                return (
                  <tr key={c.id}>
                    <td className={`${cell} font-mono`}>{c.name}</td>
                    <td className={`${cell} font-mono break-all`}>{c.image}</td>
                    <td className={cell}>{updateLabel(updateOf(c)) ?? "—"}</td>
                    <td className={cell}>{select("container", c.name, stackPolicy, `Update policy of ${c.name}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}

function MaintenanceWindow(props: {
  endpointId: string;
  window: UpdatePolicies["window"];
  canSet: boolean;
  onSaved: (p: UpdatePolicies) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(props.window?.from ?? "");
  const [to, setTo] = useState(props.window?.to ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (f: string, t: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await setMaintenanceWindowAction({ endpointId: props.endpointId, from: f, to: t });
      if (!r.ok) return void setError(r.error);
      props.onSaved(r.data);
      setFrom(f);
      setTo(t);
      toast.success(f ? `Maintenance window: ${f} to ${t} UTC` : "No maintenance window");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="mb-1 text-lg font-semibold">
        Maintenance window
      </h2>
      <p className="mb-2 text-sm" role="status">
        {props.window
          ? `Containers set to update automatically are updated between ${props.window.from} and ${props.window.to} UTC, after a check found a newer image.`
          : "No window: containers set to update automatically are only badged until an admin sets one."}
      </p>
      {props.canSet && (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void save(from.trim(), to.trim());
          }}
        >
          <div>
            <label htmlFor={`${id}-from`} className="block text-sm font-medium">
              Window starts (UTC)
            </label>
            <input
              id={`${id}-from`}
              className={`${inputClass} w-24`}
              placeholder="02:00"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-to`} className="block text-sm font-medium">
              Window ends (UTC)
            </label>
            <input
              id={`${id}-to`}
              className={`${inputClass} w-24`}
              placeholder="04:00"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <UiButton type="submit" disabled={busy}>
            Save window
          </UiButton>
          {props.window && (
            <UiButton variant="outline" type="button" disabled={busy} onClick={() => void save("", "")}>
              Remove window
            </UiButton>
          )}
          {error && (
            <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
