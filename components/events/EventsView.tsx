"use client";

import { useMemo, useState } from "react";
import { inputClass } from "@/components/ui/button";
import { EmptyRow } from "@/components/ui/empty-row";
import { TableScroll } from "@/components/ui/table-scroll";
import { baseAction, type EngineEvent, EVENT_TYPES, eventMatches } from "@/lib/events";
import { formatTime } from "@/lib/format";
import { useEventFeed } from "./use-event-feed";

// Attributes worth a glance per type; the rest (labels) stay out of the table.
const DETAIL_KEYS = ["image", "exitCode", "container", "driver", "type", "signal"];

function details(e: EngineEvent): string {
  return DETAIL_KEYS.filter((k) => e.attributes[k])
    .map((k) => `${k}=${e.attributes[k]}`)
    .join(" ");
}

export function EventsView(props: { topic: string; endpointNames?: Record<string, string> }) {
  const { events, status, error } = useEventFeed(props.topic);
  const [type, setType] = useState("");
  const [action, setAction] = useState("");
  const [object, setObject] = useState("");
  const actions = useMemo(() => [...new Set(events.map((e) => baseAction(e.action)))].sort(), [events]);
  const shown = useMemo(
    () =>
      events
        .filter((e) =>
          eventMatches(e, { type: type || undefined, action: action || undefined, object: object.trim() || undefined }),
        )
        .reverse(),
    [events, type, action, object],
  );
  const multi = !!props.endpointNames;
  return (
    <div className="space-y-3">
      <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter events">
        <label className="flex flex-col text-sm">
          Type
          <select className={inputClass} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Action
          <select className={inputClass} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {[...new Set([...actions, ...(action ? [action] : [])])].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Object
          <input
            className={inputClass}
            value={object}
            onChange={(e) => setObject(e.target.value)}
            placeholder="name or id"
            maxLength={128}
          />
        </label>
        <span className="ml-auto text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
          {status === "live" ? "Live" : status === "error" ? error : status === "offline" ? "Offline" : "Connecting…"}
        </span>
      </form>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Showing {shown.length} of {events.length} recent events, newest first.
      </p>
      <TableScroll label="Events table">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Events</caption>
          <thead className="border-b border-slate-300 dark:border-slate-700">
            <tr>
              <th scope="col" className="py-2">
                Time (UTC)
              </th>
              {multi && <th scope="col">Endpoint</th>}
              <th scope="col">Type</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <EmptyRow colSpan={multi ? 6 : 5}>
                No events to show yet: they appear here live as containers, images, networks and volumes change.
              </EmptyRow>
            )}
            {shown.map((e) => (
              <tr key={e.id} className="border-b border-slate-200 dark:border-slate-800">
                <td className="whitespace-nowrap py-1 text-xs">{formatTime(e.time)}</td>
                {multi && <td>{props.endpointNames?.[e.endpointId] ?? e.endpointId}</td>}
                <td>{e.type}</td>
                <td className="font-mono text-xs">{e.action}</td>
                <td className="break-all font-mono text-xs">{e.name}</td>
                <td className="break-all text-xs">{details(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
