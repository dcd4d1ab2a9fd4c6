"use client";

import { Search } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import type { FilterChoices, TopologyFilter } from "@/lib/topology-filter";

/**
 * Above the graph: filters (endpoint when there are several, compose project, network) kept in the URL by the
 * caller, and Find, which centres the graph on the first node whose name contains the text.
 */
export function TopologyToolbar(props: {
  choices: FilterChoices;
  filter: TopologyFilter;
  onFilter: (patch: Partial<Record<keyof TopologyFilter, string | null>>) => void;
  onFind: (text: string) => void;
  names: string[];
  found: string | null;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const select = (key: keyof TopologyFilter, label: string, options: { value: string; label: string }[]) => (
    <label className="flex flex-col text-sm">
      {label}
      <select
        className={inputClass}
        value={props.filter[key] ?? ""}
        onChange={(e) => props.onFilter({ [key]: e.target.value || null })}
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onFind(text);
  };
  return (
    <div className="flex flex-wrap items-end gap-3">
      <search aria-label="Filter the topology" className="flex flex-wrap items-end gap-3">
        {props.choices.endpoints.length > 1 &&
          select(
            "endpoint",
            "Endpoint",
            props.choices.endpoints.map((e) => ({ value: e.id, label: e.name })),
          )}
        {select(
          "project",
          "Compose project",
          props.choices.projects.map((p) => ({ value: p, label: p })),
        )}
        {select(
          "network",
          "Network",
          props.choices.networks.map((n) => ({ value: n, label: n })),
        )}
      </search>
      <search aria-label="Find in the graph">
        <form onSubmit={submit} className="flex items-end gap-1">
          <label className="flex flex-col text-sm">
            Find a node
            <input
              className={inputClass}
              value={text}
              list={`${id}-names`}
              autoComplete="off"
              placeholder="container, network, port"
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <datalist id={`${id}-names`}>
            {props.names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <button type="submit" className={`${buttonClass} py-1.5`}>
            <Search aria-hidden className="size-3.5" />
            Find
          </button>
        </form>
      </search>
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {props.found}
      </p>
    </div>
  );
}
