import os from "node:os";
import { Worker } from "node:worker_threads";
import { UserError } from "@/lib/errors";
import type { LogLine, LogSearchInput, LogSearchResult } from "@/lib/log-options";
import { checkPattern, MAX_MATCHES, searchPattern } from "@/lib/log-search";
import type { SearchJob, SearchMessage } from "./log-search-worker";

/** Time one search may take in its worker; past it the search stops and says how far it got. */
export const SEARCH_BUDGET_MS = 1_000;
/** Searches one user may have running or waiting at once, across all their sockets. */
export const MAX_SEARCHES_PER_USER = 2;
/** Searches running at once on this server: leave a core to the event loop. */
const MAX_RUNNING = Math.max(1, os.availableParallelism() - 1);
/** A worker whose one line overruns the budget is terminated this long after the budget. */
const KILL_GRACE_MS = 250;
/** A worker that has not even started by then is given up on. */
const START_LIMIT_MS = 30_000;

// Production runs the bundle in dist/ beside the worker bundle (scripts/build-server.mjs builds both). tsx and vitest
// run this file from the source tree, where the worker is TypeScript: it is loaded through tsx's loader, registered
// inside the thread (loader flags in a worker's execArgv are not honoured on Node 20).
const fromSource = import.meta.url.endsWith(".ts");
function spawn(workerData: SearchJob): Worker {
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: 256 } };
  if (!fromSource) return new Worker(new URL("./log-search-worker.mjs", import.meta.url), options);
  const url = JSON.stringify(new URL("./log-search-worker.ts", import.meta.url).href);
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${url}); });`;
  return new Worker(boot, { ...options, eval: true });
}

const perUser = new Map<string, number>();
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function runWorker(texts: string[], pattern: { source: string; flags: string }) {
  return new Promise<{ found: [number, [number, number][]][]; total: number; searched: number; stopped: boolean }>(
    (resolve, reject) => {
      const progress = new SharedArrayBuffer(4);
      const job: SearchJob = {
        ...pattern,
        texts,
        max: MAX_MATCHES,
        budgetMs: SEARCH_BUDGET_MS,
        progress,
      };
      const worker = spawn(job);
      const found: [number, [number, number][]][] = [];
      let total = 0;
      let settled = false;
      const settle = (searched: number, stopped: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(kill);
        void worker.terminate();
        resolve({ found, total, searched, stopped });
      };
      // One line can run past the deadline (a backtracking pattern checks no clock): then the thread is killed, and
      // the shared counter says which line it was on.
      const stopNow = () => settle(Atomics.load(new Int32Array(progress), 0), true);
      let kill = setTimeout(stopNow, START_LIMIT_MS);
      worker.on("message", (m: SearchMessage) => {
        if (m.type === "started") {
          clearTimeout(kill);
          kill = setTimeout(stopNow, SEARCH_BUDGET_MS + KILL_GRACE_MS);
        } else if (m.type === "matches") {
          found.push(...m.matches);
          total = m.total;
        } else settle(m.searched, m.stopped);
      });
      worker.on("error", (err) => {
        if (settled) return;
        settled = true;
        clearTimeout(kill);
        reject(err);
      });
      worker.on("exit", stopNow);
    },
  );
}

/**
 * Searches a log backlog by text or regex in a worker thread, never on the event loop: at most
 * MAX_SEARCHES_PER_USER in flight per user (more are refused), MAX_RUNNING at once on the server (more wait), and
 * SEARCH_BUDGET_MS each; a search that runs out returns what it found with `stoppedAfter`.
 */
export async function searchLines(
  user: string,
  lines: readonly LogLine[],
  q: LogSearchInput,
): Promise<LogSearchResult> {
  const pattern = searchPattern(q);
  const problem = checkPattern(pattern);
  if (problem) throw new UserError(problem, 400, "bad_pattern");
  const mine = perUser.get(user) ?? 0;
  if (mine >= MAX_SEARCHES_PER_USER) {
    throw new UserError(
      `You already have ${MAX_SEARCHES_PER_USER} log searches running: wait for them to finish`,
      429,
      "too_many_searches",
    );
  }
  perUser.set(user, mine + 1);
  try {
    const release = await slot();
    try {
      const r = await runWorker(
        lines.map((l) => l.text),
        pattern,
      );
      return {
        matches: r.found.map(([i, ranges]) => ({ seq: lines[i]!.seq, ranges })),
        total: r.total,
        truncated: r.total > r.found.length,
        searched: r.searched,
        ...(r.stopped ? { stoppedAfter: r.searched } : {}),
      };
    } finally {
      release();
    }
  } finally {
    const left = (perUser.get(user) ?? 1) - 1;
    if (left > 0) perUser.set(user, left);
    else perUser.delete(user);
  }
}
