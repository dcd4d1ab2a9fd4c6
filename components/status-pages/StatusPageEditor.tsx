"use client";

import { useId, useState } from "react";
import { Button, ErrorText, useActionRunner } from "@/components/admin/admin-parts";
import type { StatusPageAdminView, StatusSource } from "@/lib/status-view";
import { createStatusPageAction, updateStatusPageAction } from "@/server/actions/status-pages/status-page-actions";

interface ItemDraft {
  key: number;
  endpointId: string;
  kind: "container" | "service" | "deployment";
  ref: string;
  displayName: string;
}

/** The item select's value: a container's name as is, a swarm service's or a Kubernetes Deployment's prefixed. */
const SERVICE = "service:";
const DEPLOYMENT = "deployment:";
const selectValue = (i: Pick<ItemDraft, "kind" | "ref">) =>
  i.kind === "service" ? `${SERVICE}${i.ref}` : i.kind === "deployment" ? `${DEPLOYMENT}${i.ref}` : i.ref;
function fromSelect(v: string): Pick<ItemDraft, "kind" | "ref"> {
  if (v.startsWith(SERVICE)) return { kind: "service", ref: v.slice(SERVICE.length) };
  if (v.startsWith(DEPLOYMENT)) return { kind: "deployment", ref: v.slice(DEPLOYMENT.length) };
  return { kind: "container", ref: v };
}

const inputClass = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

let nextKey = 1;

function ItemRow(props: {
  n: number;
  count: number;
  item: ItemDraft;
  sources: StatusSource[];
  errors: Record<string, string>;
  onChange: (patch: Partial<ItemDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { n, item, sources } = props;
  const source = sources.find((s) => s.id === item.endpointId);
  const names = source?.containers ?? [];
  const services = source?.services ?? [];
  const deployments = source?.deployments ?? [];
  const known = item.kind === "service" ? services : item.kind === "deployment" ? deployments : names;
  const missing = item.ref && !known.includes(item.ref);
  const at = (field: string) => props.errors[`items.${n - 1}.${field}`];
  const ids = useId();
  return (
    <tr className="border-b border-slate-100 align-top dark:border-slate-800">
      <td className="py-1 pr-2">{n}</td>
      <td className="py-1 pr-2">
        <label htmlFor={`${ids}-ep`} className="sr-only">
          Endpoint for item {n}
        </label>
        <select
          id={`${ids}-ep`}
          value={item.endpointId}
          onChange={(e) => props.onChange({ endpointId: e.target.value, kind: "container", ref: "" })}
          className={inputClass}
        >
          {!source && <option value={item.endpointId}>{item.endpointId} (removed)</option>}
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.reachable ? s.name : `${s.name} (unreachable)`}
            </option>
          ))}
        </select>
      </td>
      <td className="py-1 pr-2">
        <label htmlFor={`${ids}-c`} className="sr-only">
          Container for item {n}
        </label>
        <select
          id={`${ids}-c`}
          value={selectValue(item)}
          aria-invalid={at("ref") ? true : undefined}
          onChange={(e) => {
            const { kind, ref } = fromSelect(e.target.value);
            const shown = kind === "deployment" ? ref.slice(ref.indexOf("/") + 1) : ref;
            props.onChange(item.displayName ? { kind, ref } : { kind, ref, displayName: shown });
          }}
          className={inputClass}
        >
          <option value="">Choose a container</option>
          {missing && <option value={selectValue(item)}>{item.ref} (not found)</option>}
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {services.map((name) => (
            <option key={`${SERVICE}${name}`} value={`${SERVICE}${name}`}>
              {name} (swarm service)
            </option>
          ))}
          {deployments.map((name) => (
            <option key={`${DEPLOYMENT}${name}`} value={`${DEPLOYMENT}${name}`}>
              {name} (Deployment)
            </option>
          ))}
        </select>
        {at("ref") && <p className="text-sm text-red-600 dark:text-red-300">{at("ref")}</p>}
      </td>
      <td className="py-1 pr-2">
        <label htmlFor={`${ids}-d`} className="sr-only">
          Display name for item {n}
        </label>
        <input
          id={`${ids}-d`}
          value={item.displayName}
          maxLength={80}
          aria-invalid={at("displayName") ? true : undefined}
          onChange={(e) => props.onChange({ displayName: e.target.value })}
          className={inputClass}
        />
        {at("displayName") && <p className="text-sm text-red-600 dark:text-red-300">{at("displayName")}</p>}
      </td>
      <td className="space-x-1 py-1 whitespace-nowrap">
        <button
          type="button"
          aria-label={`Move item ${n} up`}
          disabled={n === 1}
          onClick={() => props.onMove(-1)}
          className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800"
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={`Move item ${n} down`}
          disabled={n === props.count}
          onClick={() => props.onMove(1)}
          className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800"
        >
          ↓
        </button>
        <button
          type="button"
          aria-label={`Remove item ${n}`}
          onClick={props.onRemove}
          className="rounded px-2 py-1 text-red-700 hover:bg-red-50 dark:hover:bg-slate-800 dark:text-red-300"
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/** Create or edit a status page: slug, title, and an ordered list of containers (any endpoint) with public names. */
export function StatusPageEditor(props: { page?: StatusPageAdminView; sources: StatusSource[]; onDone: () => void }) {
  const { page, sources } = props;
  const { run, error, fieldErrors, busy } = useActionRunner();
  const [slug, setSlug] = useState(page?.slug ?? "");
  const [title, setTitle] = useState(page?.title ?? "");
  const [items, setItems] = useState<ItemDraft[]>(
    () =>
      page?.items.map((i) => ({
        key: nextKey++,
        endpointId: i.endpointId,
        kind: i.kind === "service" || i.kind === "deployment" ? i.kind : ("container" as const),
        ref: i.ref,
        displayName: i.displayName,
      })) ?? [],
  );
  const ids = useId();
  const label = page ? `Edit status page ${page.slug}` : "New status page";

  const update = (key: number, patch: Partial<ItemDraft>) =>
    setItems((cur) => cur.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const move = (index: number, by: -1 | 1) =>
    setItems((cur) => {
      const next = [...cur];
      const [it] = next.splice(index, 1);
      if (it) next.splice(index + by, 0, it);
      return next;
    });

  return (
    <form
      aria-label={label}
      className="space-y-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={async (e) => {
        e.preventDefault();
        const input = {
          slug,
          title,
          items: items.map(({ endpointId, kind, ref, displayName }) => ({ endpointId, kind, ref, displayName })),
        };
        const saved = await run(() =>
          page ? updateStatusPageAction({ ...input, id: page.id }) : createStatusPageAction(input),
        );
        if (saved) props.onDone();
      }}
    >
      <h2 className="text-lg font-semibold">{label}</h2>
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-slug`} className="text-sm font-medium">
            Slug
          </label>
          <input
            id={`${ids}-slug`}
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            aria-describedby={`${ids}-slug-help`}
            aria-invalid={fieldErrors.slug ? true : undefined}
            className={inputClass}
          />
          <p id={`${ids}-slug-help`} className="text-xs text-slate-500 dark:text-slate-400">
            Public at /status/{slug || "…"}; lowercase letters, digits and hyphens.
          </p>
          {fieldErrors.slug && <p className="text-sm text-red-600 dark:text-red-300">{fieldErrors.slug}</p>}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-title`} className="text-sm font-medium">
            Title
          </label>
          <input
            id={`${ids}-title`}
            value={title}
            maxLength={120}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={fieldErrors.title ? true : undefined}
            className={`${inputClass} w-80`}
          />
          {fieldErrors.title && <p className="text-sm text-red-600 dark:text-red-300">{fieldErrors.title}</p>}
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Visitors see only the title and each item&apos;s display name, state, health, uptime and availability. Items
        follow the container&apos;s name, so they survive Recreate; a renamed container shows as down.
      </p>
      <table className="text-left text-sm">
        <caption className="sr-only">Items</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Container</th>
            <th scope="col">Display name</th>
            <th scope="col">
              <span className="sr-only">Order and removal</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <ItemRow
              key={item.key}
              n={index + 1}
              count={items.length}
              item={item}
              sources={sources}
              errors={fieldErrors}
              onChange={(patch) => update(item.key, patch)}
              onMove={(by) => move(index, by)}
              onRemove={() => setItems((cur) => cur.filter((i) => i.key !== item.key))}
            />
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p className="text-sm">No items yet.</p>}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={sources.length === 0}
          onClick={() =>
            setItems((cur) => [
              ...cur,
              { key: nextKey++, endpointId: sources[0]?.id ?? "", kind: "container", ref: "", displayName: "" },
            ])
          }
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Add item
        </button>
        <span className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={props.onDone}
            className="rounded px-3 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <Button type="submit" disabled={busy}>
            {page ? "Save status page" : "Create status page"}
          </Button>
        </span>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
