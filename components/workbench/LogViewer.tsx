"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { type AnsiSegment, parseAnsi } from "@/lib/ansi";
import type { LogLine } from "@/lib/log-options";
import { highlightSegments } from "@/lib/log-search";

const ROW_PX = 18;

function segmentStyle(s: AnsiSegment["style"]): React.CSSProperties | undefined {
  if (!s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline && !s.inverse) return undefined;
  const fg = s.inverse ? (s.bg ?? "#0f172a") : s.fg;
  const bg = s.inverse ? (s.fg ?? "#e2e8f0") : s.bg;
  return {
    color: fg,
    backgroundColor: bg,
    fontWeight: s.bold ? 700 : undefined,
    opacity: s.dim ? 0.7 : undefined,
    fontStyle: s.italic ? "italic" : undefined,
    textDecoration: s.underline ? "underline" : undefined,
  };
}

/** One line: ANSI colours as styled spans (React text nodes: a line can never become markup), matches marked. */
const Line = memo(function Line(props: {
  line: LogLine;
  ranges?: [number, number][];
  showTs: boolean;
  source?: string;
}) {
  const { line } = props;
  const segments = useMemo(() => parseAnsi(line.text), [line.text]);
  const pieces = props.ranges ? highlightSegments(segments, props.ranges) : segments.map((s) => ({ ...s, hit: false }));
  return (
    <>
      <span
        className={`mr-2 inline-block w-7 shrink-0 select-none text-[10px] uppercase ${
          line.stream === "err" ? "font-semibold text-red-500" : "text-slate-500 dark:text-slate-400"
        }`}
      >
        {line.stream}
      </span>
      {props.showTs && line.ts && (
        <span className="mr-2 select-none text-slate-500 dark:text-slate-400">{line.ts}</span>
      )}
      {props.source && <span className="mr-2 shrink-0 select-none text-sky-400">{props.source}</span>}
      {pieces.map((p, i) =>
        p.hit ? (
          <mark key={i} style={segmentStyle(p.style)} className="rounded-sm bg-yellow-300 text-black">
            {p.text}
          </mark>
        ) : (
          <span key={i} style={segmentStyle(p.style)}>
            {p.text}
          </span>
        ),
      )}
    </>
  );
});

/**
 * A virtualized log view: only the rows on screen exist in the DOM, so 100k lines cost what 50 do. Follows the
 * tail while scrolled to the bottom; scrolling up pauses following until the user returns to the bottom.
 */
export function LogViewer(props: {
  lines: readonly LogLine[];
  version: number;
  wrap: boolean;
  showTs: boolean;
  matches: ReadonlyMap<number, [number, number][]> | null;
  label: string;
  /** Where a line came from (service logs: the task and its node), shown before its text. */
  sourceOf?: (line: LogLine) => string | undefined;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const count = props.lines.length;
  const v = useVirtualizer({
    count,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
    getItemKey: (i) => props.lines[i]?.seq ?? i,
  });

  useEffect(() => {
    if (follow && count > 0) v.scrollToIndex(count - 1, { align: "end" });
  }, [props.version, count, follow]);

  return (
    <div className="relative">
      <div
        ref={parent}
        role="log"
        aria-label={props.label}
        aria-live="off"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_PX * 2;
          if (atBottom !== follow) setFollow(atBottom);
        }}
        className="h-[60vh] overflow-auto rounded bg-slate-950 font-mono text-xs text-slate-100"
      >
        <div style={{ height: v.getTotalSize(), position: "relative", width: "100%" }}>
          {v.getVirtualItems().map((item) => {
            const line = props.lines[item.index];
            if (!line) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                data-stream={line.stream}
                ref={props.wrap ? v.measureElement : undefined}
                className={`absolute left-0 flex w-full px-2 leading-[18px] ${
                  props.wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"
                } ${line.stream === "err" ? "bg-red-950/40" : ""}`}
                style={{ transform: `translateY(${item.start}px)`, height: props.wrap ? undefined : ROW_PX }}
              >
                <Line
                  line={line}
                  ranges={props.matches?.get(line.seq)}
                  showTs={props.showTs}
                  source={props.sourceOf?.(line)}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!follow && (
        <button
          type="button"
          onClick={() => setFollow(true)}
          className="absolute right-4 bottom-3 rounded bg-blue-600 px-2 py-1 text-xs text-white shadow"
        >
          Follow new lines
        </button>
      )}
    </div>
  );
}
