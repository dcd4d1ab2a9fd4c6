"use client";

import { useId } from "react";
import type { ContainerFilter } from "@/lib/container-filter";
import type { EndpointView } from "@/lib/domain";

const STATES = ["running", "exited", "created", "paused", "restarting", "dead", "unhealthy"];
const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

export function ContainerFilters(props: {
  value: ContainerFilter;
  onChange: (f: ContainerFilter) => void;
  endpoints: EndpointView[];
  projects: string[];
}) {
  const f = props.value;
  const id = useId();
  const set = (k: keyof ContainerFilter) => (e: { target: { value: string } }) =>
    props.onChange({ ...f, [k]: e.target.value });
  // Labels point at their controls by id (not by wrapping) so a select's accessible name is the label alone.
  const text = (k: "name" | "image" | "label", label: string, placeholder?: string) => (
    <div className="flex flex-col text-xs">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input
        id={`${id}-${k}`}
        type="search"
        value={f[k]}
        placeholder={placeholder}
        onChange={set(k)}
        className={input}
      />
    </div>
  );
  const select = (k: "state" | "project" | "endpointId", label: string, options: [string, string][]) => (
    <div className="flex flex-col text-xs">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select id={`${id}-${k}`} value={f[k]} onChange={set(k)} className={input}>
        <option value="">Any</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <search className="flex flex-wrap items-end gap-3" aria-label="Filter containers">
      {text("name", "Filter by name")}
      {text("image", "Filter by image")}
      {text("label", "Filter by label", "key or key=value")}
      {select(
        "state",
        "State",
        STATES.map((s) => [s, s]),
      )}
      {select(
        "project",
        "Compose project",
        props.projects.map((p) => [p, p]),
      )}
      {select(
        "endpointId",
        "Endpoint",
        props.endpoints.map((e) => [e.id, e.name]),
      )}
    </search>
  );
}
