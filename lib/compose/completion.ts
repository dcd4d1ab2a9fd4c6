import { composeProjectSchema } from "./schema";

// Completion for the compose editor, read from the same zod schema the deploy validates with: the keys allowed at a
// path of the document, and the values of an enum key (restart, condition, pull_policy...). Pure.

type Def = {
  type: string;
  innerType?: Schema;
  options?: Schema[] | string[];
  valueType?: Schema;
  element?: Schema;
  in?: Schema;
  entries?: Record<string, string>;
};
type Schema = { def: Def; shape?: Record<string, Schema> };

/** The object-like schemas reachable here, through optional, nullable, unions and pipes. */
function variants(s: Schema | undefined): Schema[] {
  if (!s) return [];
  const d = s.def;
  if (d.type === "optional" || d.type === "nullable" || d.type === "default") return variants(d.innerType);
  if (d.type === "pipe") return variants(d.in);
  if (d.type === "union") return (d.options as Schema[]).flatMap(variants);
  return [s];
}

/** Steps down one key (records take any key, arrays any index written as "-"). */
function child(s: Schema, key: string): Schema[] {
  const out: Schema[] = [];
  for (const v of variants(s)) {
    if (v.def.type === "object" && v.shape?.[key]) out.push(v.shape[key]);
    else if (v.def.type === "record" && v.def.valueType) out.push(v.def.valueType);
    else if (v.def.type === "array" && key === "-" && v.def.element) out.push(v.def.element);
  }
  return out;
}

function at(path: readonly string[]): Schema[] {
  let cur: Schema[] = [composeProjectSchema as unknown as Schema];
  for (const key of path) cur = cur.flatMap((s) => child(s, key));
  return cur;
}

/** Keys an object at this path may have (empty where the path leads to a record of user names or a scalar). */
export function keysAt(path: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const s of at(path).flatMap(variants))
    if (s.def.type === "object") for (const k of Object.keys(s.shape ?? {})) keys.add(k);
  return [...keys].sort();
}

/** The values an enum-typed key takes (restart's are a pattern, spelled out). */
export function valuesAt(path: readonly string[]): string[] {
  if (path.at(-1) === "restart" && path[0] === "services") return ["no", "always", "unless-stopped", "on-failure"];
  const out = new Set<string>();
  for (const s of at(path).flatMap(variants)) {
    if (s.def.type === "enum") for (const v of Object.values(s.def.entries ?? {})) out.add(v);
    if (s.def.type === "boolean") for (const v of ["true", "false"]) out.add(v);
  }
  return [...out];
}

/**
 * The path of keys that leads to `line` (0-based) of a YAML text, by indentation: each less-indented `key:` line above
 * is a parent, and a `- ` item is a step into a list. Good enough for completion; the parser is the judge of validity.
 */
export function pathAt(lines: readonly string[], line: number, column: number): string[] {
  const path: string[] = [];
  let indent = column;
  const own = lines[line] ?? "";
  const ownItem = /^(\s*)- /.exec(own);
  if (ownItem && (ownItem[1]?.length ?? 0) < column) {
    path.unshift("-");
    indent = ownItem[1]?.length ?? 0;
  }
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const text = lines[i] ?? "";
    if (!text.trim() || text.trim().startsWith("#")) continue;
    const m = /^(\s*)(- )?([^\s:#][^:#]*?)\s*:(\s|$)/.exec(text);
    const item = /^(\s*)- /.exec(text);
    const lead = text.length - text.trimStart().length;
    if (lead >= indent) continue;
    // A `- key:` line: the key sits two columns in, so it is a parent only for lines indented past it.
    if (m && (!m[2] || lead + 2 < indent)) path.unshift(m[3]!.replace(/^["']|["']$/g, ""));
    if (m?.[2] || item) path.unshift("-");
    indent = lead;
  }
  return path;
}
