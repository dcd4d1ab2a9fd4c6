import vm from "node:vm";
import { stripAnsi } from "@/lib/ansi";
import { UserError } from "@/lib/errors";
import type { LogLine, LogSearchInput, LogSearchResult } from "@/lib/log-options";
import { checkPattern, MAX_MATCHES, matchRanges, searchPattern } from "@/lib/log-search";

/** Wall-clock budget for one search over a backlog. */
export const SEARCH_TIMEOUT_MS = 300;

// Runs inside a fresh V8 context whose `timeout` lets V8 interrupt even a backtracking regex mid-match, so a
// catastrophic pattern like (a+)+$ costs at most SEARCH_TIMEOUT_MS of the event loop, never a hang.
const SCRIPT = new vm.Script(`
  const re = new RegExp(source, flags);
  const out = [];
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    const r = matchRanges(re, texts[i]);
    if (r.length) { total++; if (out.length < max) out.push([i, r]); }
  }
  result = { out, total };
`);

export function searchLines(lines: readonly LogLine[], q: LogSearchInput): LogSearchResult {
  const pattern = searchPattern(q);
  const problem = checkPattern(pattern);
  if (problem) throw new UserError(problem, 400, "bad_pattern");
  const sandbox: Record<string, unknown> = {
    source: pattern.source,
    flags: pattern.flags,
    // Search what the user sees: colour codes are not text. Ranges index the stripped text.
    texts: lines.map((l) => stripAnsi(l.text)),
    max: MAX_MATCHES,
    matchRanges,
    result: null,
  };
  try {
    SCRIPT.runInNewContext(sandbox, { timeout: SEARCH_TIMEOUT_MS });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      throw new UserError("The search took too long: simplify the regular expression", 400, "search_timeout");
    }
    throw err;
  }
  const r = sandbox.result as { out: [number, [number, number][]][]; total: number };
  return {
    matches: r.out.map(([i, ranges]) => ({ seq: lines[i]!.seq, ranges })),
    total: r.total,
    truncated: r.total > r.out.length,
    searched: lines.length,
  };
}
