"use client";

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
  const set = (k: keyof ContainerFilter) => (e: { target: { value: string } }) =>
    props.onChange({ ...f, [k]: e.target.value });
  return (
    <search className="flex flex-wrap items-end gap-3" aria-label="Filter containers">
      <label className="flex flex-col text-xs">
        Filter by name
        <input type="search" value={f.name} onChange={set("name")} className={input} />
      </label>
      <label className="flex flex-col text-xs">
        Filter by image
        <input type="search" value={f.image} onChange={set("image")} className={input} />
      </label>
      <label className="flex flex-col text-xs">
        Filter by label
        <input type="search" value={f.label} onChange={set("label")} placeholder="key or key=value" className={input} />
      </label>
      <label className="flex flex-col text-xs">
        State
        <select value={f.state} onChange={set("state")} className={input}>
          <option value="">Any</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs">
        Compose project
        <select value={f.project} onChange={set("project")} className={input}>
          <option value="">Any</option>
          {props.projects.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs">
        Endpoint
        <select value={f.endpointId} onChange={set("endpointId")} className={input}>
          <option value="">Any</option>
          {props.endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
    </search>
  );
}
