"use client";

import { useEffect, useId, useState } from "react";
import { STATE_FILTERS } from "@/lib/container-filter";

const input =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

export type FilterKey = "q" | "image" | "label" | "state" | "project" | "endpoint" | "update";

const UPDATE_NAMES: [string, string][] = [
  ["available", "update available"],
  ["current", "up to date"],
  ["unknown", "not known"],
];

const STATE_NAMES: Record<string, string> = {
  failed: "failed (non-zero exit)",
  restarting: "restarting (restart loop)",
};

/**
 * The container list's filters, bound to the URL (`values`/`onChange` come from useUrlState). Text fields keep their
 * own state while typing and write the URL as they go (replacing the entry); a picked choice makes a history entry.
 */
export function ContainerListFilters(props: {
  values: Record<string, string>;
  onChange: (key: FilterKey, value: string, push: boolean) => void;
  endpoints: { id: string; name: string }[] | null;
  projects: string[];
}) {
  const id = useId();
  const v = props.values;
  const select = (k: FilterKey, label: string, options: [string, string][]) => (
    <div className="flex flex-col text-xs">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select
        id={`${id}-${k}`}
        value={v[k] ?? ""}
        onChange={(e) => props.onChange(k, e.target.value, true)}
        className={input}
      >
        <option value="">Any</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
        {/* A value from a shared link that this list does not have (yet) stays visible rather than silently "Any". */}
        {v[k] && !options.some(([value]) => value === v[k]) && <option value={v[k]}>{v[k]}</option>}
      </select>
    </div>
  );
  return (
    <search className="flex flex-wrap items-end gap-3" aria-label="Filter containers">
      <TextFilter
        id={`${id}-q`}
        label="Filter by name"
        value={v.q ?? ""}
        onChange={(t) => props.onChange("q", t, false)}
      />
      <TextFilter
        id={`${id}-image`}
        label="Filter by image"
        value={v.image ?? ""}
        onChange={(t) => props.onChange("image", t, false)}
      />
      <TextFilter
        id={`${id}-label`}
        label="Filter by label"
        placeholder="key or key=value"
        value={v.label ?? ""}
        onChange={(t) => props.onChange("label", t, false)}
      />
      {select(
        "state",
        "State",
        STATE_FILTERS.map((s) => [s, STATE_NAMES[s] ?? s]),
      )}
      {select("update", "Image update", UPDATE_NAMES)}
      {select(
        "project",
        "Compose project",
        props.projects.map((p) => [p, p]),
      )}
      {props.endpoints &&
        select(
          "endpoint",
          "Endpoint",
          props.endpoints.map((e) => [e.id, e.name]),
        )}
    </search>
  );
}

/** A text field that follows the URL when it changes from outside (Back, a link) and not while being typed in. */
function TextFilter(p: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange: (v: string) => void;
}) {
  const [text, setText] = useState(p.value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(p.value);
  }, [p.value, focused]);
  return (
    <div className="flex flex-col text-xs">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="search"
        value={text}
        placeholder={p.placeholder}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(e) => {
          setText(e.target.value);
          p.onChange(e.target.value);
        }}
        className={input}
      />
    </div>
  );
}
