import type { Readable } from "node:stream";
import Docker from "dockerode";
import { type EngineObjectKind, engineRefProblem, quoteRef } from "@/lib/engine-ref";
import { UserError } from "@/lib/errors";

/**
 * How long Berth waits for an engine's answer, by kind of call. docker-modem's own `timeout` is a socket idle
 * timeout that destroys the request without saying why, so a `stop` of a container that ignores SIGTERM (the engine
 * answers only after the grace period) came back at 5 s as "connection lost" although the engine was fine. Here every
 * call gets a deadline sized to what it does, and running out of it is reported as a timeout with its length.
 */
export const BUDGET_MS = {
  /** ping, version, lists, inspect: a healthy engine answers in milliseconds, a hung one must not hold a page. */
  read: 5_000,
  /** start, pause, kill, rename, create, update, connect: quick, but slower on a loaded host. */
  action: 60_000,
  /** remove (with volumes, or a running container with force), image removal. */
  remove: 120_000,
  /** prunes walk every unused object. */
  prune: 600_000,
  /** Streams (logs, stats, events, pulls, exec): the time until the engine starts answering; none after that. */
  streamStart: 30_000,
} as const;

/** Added to a stop's grace period: the engine answers only once the container exited (or was killed at the end). */
export const STOP_MARGIN_MS = 30_000;
/** The engine's own default grace period when a container sets none. */
export const DEFAULT_GRACE_S = 10;

/** The deadline for a stop/restart with this grace (seconds; negative means the engine waits for ever). */
export function graceBudgetMs(graceS: number | null | undefined): number | undefined {
  const g = typeof graceS === "number" && Number.isFinite(graceS) ? graceS : DEFAULT_GRACE_S;
  return g < 0 ? undefined : g * 1000 + STOP_MARGIN_MS;
}

/** The grace period the engine will use for a container from its inspect (`Config.StopTimeout`), in seconds. */
export function graceOf(inspect: { Config?: object } | undefined): number {
  const t = (inspect?.Config as { StopTimeout?: unknown } | undefined)?.StopTimeout;
  return typeof t === "number" ? t : DEFAULT_GRACE_S;
}

export function timeoutError(ms: number): Error {
  return Object.assign(new Error(`the engine did not answer within ${formatBudget(ms)}`), {
    code: "BERTH_TIMEOUT",
    timeoutMs: ms,
  });
}

export function formatBudget(ms: number): string {
  return ms % 60_000 === 0 && ms >= 120_000 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

interface DialOptions {
  isStream?: boolean;
  hijack?: boolean;
  abortSignal?: AbortSignal;
  [k: string]: unknown;
}
type Dial = (options: DialOptions, cb: (err: unknown, data: unknown) => void) => void;

export interface BudgetedClientOptions {
  /** Deadline of a whole non-stream call; undefined: none. */
  callMs: number | undefined;
  /** Deadline until a stream's response begins; undefined: none. */
  streamStartMs?: number;
  /** Called with every stream the engine opens, so an owner can end them all when the engine stops answering. */
  onStream?: (stream: Readable) => void;
  /** Asked before every call: an error refuses it at once (the engine is known not to answer), null lets it go. */
  gate?: () => Error | null;
}

/**
 * A dockerode client whose every call carries a deadline (an AbortSignal the modem hands to node:http). `options`
 * must not set docker-modem's idle `timeout`: that is the mistake this replaces.
 */
export function budgetedClient(options: Docker.DockerOptions, budget: BudgetedClientOptions): Docker {
  const client = checkedRefs(new Docker({ ...options, timeout: undefined }));
  const modem = client.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, cb) => {
    const refused = budget.gate?.();
    if (refused) return void queueMicrotask(() => cb(refused, null));
    const stream = options.isStream === true || options.hijack === true;
    const ms = stream ? budget.streamStartMs : budget.callMs;
    if (!ms) {
      return dial(options, (err, data) => {
        if (!err && stream && budget.onStream && isReadable(data)) budget.onStream(data);
        cb(err, data);
      });
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), ms);
    options.abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, deadline.signal])
      : deadline.signal;
    dial(options, (err, data) => {
      clearTimeout(timer);
      if (err && deadline.signal.aborted) return cb(timeoutError(ms), null);
      if (!err && stream && budget.onStream && isReadable(data)) budget.onStream(data);
      cb(err, data);
    });
  };
  return client;
}

/** The dockerode methods that put an id or a name into a request path, and the kind of object each names. */
const PATH_METHODS: [keyof Docker, EngineObjectKind][] = [
  ["getContainer", "container"],
  ["getImage", "image"],
  ["getNetwork", "network"],
  ["getVolume", "volume"],
  ["getService", "service"],
  ["getNode", "node"],
  ["getSecret", "secret"],
  ["getConfig", "config"],
  ["getTask", "task"],
  ["getExec", "exec"],
  ["getPlugin", "plugin"],
];

/**
 * Makes every path-building method of a client check its id or name first (lib/engine-ref.ts): a hostile value is a
 * 400 naming it, and never becomes a request.
 */
function checkedRefs(client: Docker): Docker {
  const methods = client as unknown as Record<string, (ref: unknown, ...rest: unknown[]) => unknown>;
  for (const [method, kind] of PATH_METHODS) {
    const original = methods[method]!.bind(client);
    methods[method] = (ref: unknown, ...rest: unknown[]) => {
      assertEngineRef(kind, ref);
      return original(ref, ...rest);
    };
  }
  return client;
}

/** Throws a 400 UserError unless `ref` may name an object of this kind in an engine API path. */
export function assertEngineRef(kind: EngineObjectKind, ref: unknown): asserts ref is string {
  const problem = engineRefProblem(kind, ref);
  if (problem) throw new UserError(`${quoteRef(ref)} is ${problem}`, 400, "invalid_reference");
}

/**
 * The error a call to an endpoint known to be down fails with at once, instead of waiting out its deadline against an
 * engine that does not answer: a page or an action must not hang on one bad endpoint.
 */
export function endpointDownError(reason: string | undefined, sinceMs: number): Error {
  const since = new Date(sinceMs).toISOString().slice(11, 19);
  const why = reason ? `: ${reason}` : "";
  return Object.assign(new Error(`The endpoint is not responding (since ${since} UTC${why}); Berth keeps retrying`), {
    code: "BERTH_DOWN",
  });
}

function isReadable(v: unknown): v is Readable {
  return typeof (v as Readable | null)?.on === "function" && typeof (v as Readable).destroy === "function";
}
