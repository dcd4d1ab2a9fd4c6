import { z } from "zod";
import {
  LOG_SINCE,
  LOG_TAILS,
  type LogOptions,
  type LogSince,
  logsTopic,
  MAX_TAIL,
  serviceLogsTopic,
} from "./log-topic";

/**
 * Log stream options. They are part of the live topic name, so every viewer asking for the same container with the
 * same options shares one upstream stream.
 */
export { LOG_SINCE, LOG_TAILS, type LogOptions, type LogSince, logsTopic, MAX_TAIL, serviceLogsTopic };

export const logOptions = z.object({
  tail: z.union([z.literal("all"), z.coerce.number().int().min(0).max(MAX_TAIL)]).default(500),
  since: z.enum(LOG_SINCE).default("all"),
  timestamps: z.boolean().default(false),
});

const SINCE_SECONDS: Record<LogSince, number> = { "10m": 600, "1h": 3600, "4h": 4 * 3600, "1d": 86400, all: 0 };

/** Docker's `since` (unix seconds) for a choice, relative to `now` (ms); 0 means from the beginning. */
export function sinceToUnix(since: LogSince, now = Date.now()): number {
  const s = SINCE_SECONDS[since];
  return s ? Math.floor(now / 1000) - s : 0;
}

/** Reads options back from a parsed topic's fields. */
export function optionsFromTopic(fields: Record<string, string | undefined>): LogOptions {
  return logOptions.parse({
    tail: fields.tail === "all" ? "all" : Number(fields.tail),
    since: fields.since,
    timestamps: fields.timestamps === "1",
  });
}

/** One line as the server sends it. `seq` grows by one per line of a stream, so clients can spot gaps and dupes. */
export interface LogLine {
  seq: number;
  stream: "out" | "err";
  text: string;
  ts?: string;
  /** Service logs: the task the line came from and its node (ids; the viewer names them). */
  task?: string;
  node?: string;
}

export interface LogBatch {
  topic: string;
  lines: LogLine[];
  /** Lines the server dropped before sending (a flood beyond the batch cap). */
  dropped?: number;
}

export interface LogSnapshot {
  lines: LogLine[];
  tty: boolean;
  state: "streaming" | "ended" | "error";
  error?: string;
}

export const logSearchInput = z.object({
  topic: z.string().max(200),
  query: z.string().min(1, "Type something to search for").max(256, "Search is at most 256 characters"),
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
});
export type LogSearchInput = z.infer<typeof logSearchInput>;

export interface LogSearchResult {
  /** Matching lines with [start, end) ranges of each match in the line's text. */
  matches: { seq: number; ranges: [number, number][] }[];
  total: number;
  truncated: boolean;
  searched: number;
  /** Set when the search ran out of its time budget: the lines searched before it stopped (matches are theirs). */
  stoppedAfter?: number;
}
