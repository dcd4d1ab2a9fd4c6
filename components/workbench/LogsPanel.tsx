"use client";

import { type FormEvent, type ReactNode, useMemo, useState } from "react";
import { getSocket } from "@/components/realtime/socket";
import type { LogLine, LogSearchResult } from "@/lib/log-options";
import { LOG_SINCE, LOG_TAILS, type LogOptions, logsTopic } from "@/lib/log-topic";
import { LogViewer } from "./LogViewer";
import { useLogStream } from "./use-log-stream";

type SearchReply = { ok: true; result: LogSearchResult } | { ok: false; error: string };

const control = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Logs of a container, or of another stream with the same options (a swarm service or task: `topicOf` names its
 * topic, `sourceOf` names each line's task and node, `controls` adds the task picker).
 */
export function LogsPanel(props: {
  endpointId: string;
  containerId?: string;
  topicOf?: (o: LogOptions) => string;
  sourceOf?: (l: LogLine) => string | undefined;
  label?: string;
  controls?: ReactNode;
  downloadFor?: (o: LogOptions) => string | undefined;
}) {
  const [opts, setOpts] = useState<LogOptions>({ tail: 500, since: "all", timestamps: false });
  const [wrap, setWrap] = useState(false);
  const topic = props.topicOf ? props.topicOf(opts) : logsTopic(props.endpointId, props.containerId ?? "", opts);
  const { lines, version, state, dropped } = useLogStream(topic);

  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [filter, setFilter] = useState(false);
  const [search, setSearch] = useState<{ result: LogSearchResult; query: string } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  const matches = useMemo(
    () => (search ? new Map(search.result.matches.map((m) => [m.seq, m.ranges])) : null),
    [search],
  );
  const shown = useMemo(
    () => (filter && matches ? lines.filter((l) => matches.has(l.seq)) : lines),
    [filter, matches, lines, version],
  );

  const runSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearchError(null);
    if (!query) return setSearch(null);
    getSocket().emit("logs:search", { topic, query, regex, caseSensitive }, (reply: SearchReply) => {
      if (!reply.ok) {
        setSearch(null);
        return setSearchError(reply.error);
      }
      setSearch({ result: reply.result, query });
    });
  };

  const download = props.downloadFor
    ? props.downloadFor(opts)
    : props.containerId
      ? `/api/v1/endpoints/${encodeURIComponent(props.endpointId)}/containers/${encodeURIComponent(
          props.containerId,
        )}/logs?tail=${opts.tail}&since=${opts.since}&timestamps=${opts.timestamps ? 1 : 0}`
      : null;

  return (
    <section aria-label="Logs" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {props.controls}
        <label className="flex items-center gap-1">
          Tail
          <select
            className={control}
            value={String(opts.tail)}
            onChange={(e) => setOpts({ ...opts, tail: e.target.value === "all" ? "all" : Number(e.target.value) })}
          >
            {LOG_TAILS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            <option value="all">all</option>
          </select>
        </label>
        <label className="flex items-center gap-1">
          Since
          <select
            className={control}
            value={opts.since}
            onChange={(e) => setOpts({ ...opts, since: e.target.value as LogOptions["since"] })}
          >
            {LOG_SINCE.map((s) => (
              <option key={s} value={s}>
                {s === "all" ? "all time" : s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={opts.timestamps}
            onChange={(e) => setOpts({ ...opts, timestamps: e.target.checked })}
          />
          Timestamps
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
          Wrap lines
        </label>
        {download && (
          <a
            href={download}
            download
            className="ml-auto rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800 dark:border-slate-700"
          >
            Download logs
          </a>
        )}
      </div>
      <form onSubmit={runSearch} className="flex flex-wrap items-center gap-3 text-sm" aria-label="Search logs">
        <label className="flex items-center gap-1">
          <span className="sr-only">Search text</span>
          <input
            type="search"
            className={`${control} w-64`}
            placeholder="Search the backlog"
            aria-label="Search text"
            value={query}
            maxLength={256}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
          Regex
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
          Match case
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={filter} onChange={(e) => setFilter(e.target.checked)} />
          Only matching lines
        </label>
        <button type="submit" className="rounded bg-blue-600 px-3 py-1 text-white">
          Search
        </button>
        {search && (
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700"
            onClick={() => {
              setSearch(null);
              setQuery("");
            }}
          >
            Clear search
          </button>
        )}
        <span aria-live="polite" className="text-slate-600 dark:text-slate-400">
          {search &&
            `${search.result.total} matching line${search.result.total === 1 ? "" : "s"}${
              search.result.truncated ? ` (first ${search.result.matches.length} shown)` : ""
            } in ${search.result.searched} searched${
              search.result.stoppedAfter !== undefined
                ? ` · search stopped after ${search.result.stoppedAfter} lines: pattern too slow`
                : ""
            }`}
        </span>
      </form>
      {searchError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {searchError}
        </p>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {state.status === "connecting"
          ? "Connecting…"
          : state.status === "streaming"
            ? `Live · ${lines.length} lines${state.tty ? " · TTY (one stream)" : ""}`
            : state.status === "ended"
              ? `Stream ended${props.containerId ? " (container stopped)" : ""} · ${lines.length} lines`
              : `Error: ${state.error ?? "logs unavailable"}`}
        {dropped > 0 && ` · ${dropped} lines skipped to keep up`}
      </p>
      <LogViewer
        lines={shown}
        version={version}
        wrap={wrap}
        showTs={opts.timestamps}
        matches={matches}
        label={props.label ?? "Container logs"}
        sourceOf={props.sourceOf}
      />
    </section>
  );
}
