import { keysAt, pathAt, valuesAt } from "@/lib/compose/completion";
import { DotenvError, parseDotenv } from "@/lib/compose/dotenv";
import { ComposeError, parseCompose } from "@/lib/compose/parse";
import type { LintProblem } from "./CodeEditor";

// The editor's checks are the deploy's own parser (lib/compose), run in the browser: an inline error here is what the
// server would refuse, with the same line.

export function lintCompose(text: string, envText: string): LintProblem[] {
  if (!text.trim()) return [];
  let env: Record<string, string> = {};
  try {
    env = parseDotenv(envText);
  } catch {
    // The .env editor shows its own problem.
  }
  try {
    // The file's own checks (syntax, keys, types, interpolation, build:). What needs the engine's view of the plan
    // (undeclared volumes, dependency loops) is reported by Preview and Deploy.
    parseCompose(text, env, { kind: "project" });
    return [];
  } catch (e) {
    if (e instanceof ComposeError) return [{ line: e.line, message: e.message }];
    return [{ message: (e as Error).message }];
  }
}

export function lintEnv(text: string): LintProblem[] {
  try {
    parseDotenv(text);
    return [];
  } catch (e) {
    if (e instanceof DotenvError) return [{ line: e.line, message: e.message }];
    return [{ message: (e as Error).message }];
  }
}

/** Keys the schema allows where the cursor is; after `key: `, the values an enum key takes. */
export function completeCompose(lines: string[], line: number, column: number): string[] {
  const before = (lines[line] ?? "").slice(0, column);
  const key = /^(\s*)(?:- )?([\w.-]+):\s*$/.exec(before);
  if (key) return valuesAt([...pathAt(lines, line, key[1]!.length), key[2]!]);
  return keysAt(pathAt(lines, line, column));
}
