// A log search in its own thread, so no pattern can hold the server's event loop. The parent gives it the lines and a
// shared counter; it writes the index of the line it is on before matching it (so the parent knows how far it got
// even if one line never finishes), sends matches in batches, and stops by itself at its deadline between lines.
// The parent terminates it when a single line overruns the deadline.
import { parentPort, workerData } from "node:worker_threads";
import { stripAnsi } from "@/lib/ansi";
import { matchRanges } from "@/lib/log-search";

export interface SearchJob {
  source: string;
  flags: string;
  texts: string[];
  max: number;
  budgetMs: number;
  /** Int32Array over a SharedArrayBuffer: [0] = lines started. */
  progress: SharedArrayBuffer;
}

export type SearchMessage =
  | { type: "started" }
  | { type: "matches"; matches: [number, [number, number][]][]; total: number }
  | { type: "done"; searched: number; stopped: boolean };

const BATCH_MS = 50;

function run(job: SearchJob): void {
  const port = parentPort!;
  // The budget counts from here, not from the spawn: loading the thread is not the pattern's fault.
  const deadline = Date.now() + job.budgetMs;
  port.postMessage({ type: "started" } as SearchMessage);
  const progress = new Int32Array(job.progress);
  const re = new RegExp(job.source, job.flags);
  let batch: [number, [number, number][]][] = [];
  let total = 0;
  let sent = 0;
  let lastPost = Date.now();
  const flush = () => {
    if (batch.length || total !== sent) port.postMessage({ type: "matches", matches: batch, total } as SearchMessage);
    batch = [];
    sent = total;
  };
  for (let i = 0; i < job.texts.length; i++) {
    Atomics.store(progress, 0, i);
    const now = Date.now();
    if (now >= deadline) {
      flush();
      port.postMessage({ type: "done", searched: i, stopped: true } as SearchMessage);
      return;
    }
    // Search what the user sees: colour codes are not text. Ranges index the stripped text.
    const ranges = matchRanges(re, stripAnsi(job.texts[i]!));
    if (ranges.length) {
      total++;
      if (total <= job.max) batch.push([i, ranges]);
    }
    if (now - lastPost >= BATCH_MS) {
      flush();
      lastPost = now;
    }
  }
  Atomics.store(progress, 0, job.texts.length);
  flush();
  port.postMessage({ type: "done", searched: job.texts.length, stopped: false } as SearchMessage);
}

if (parentPort && workerData) run(workerData as SearchJob);
