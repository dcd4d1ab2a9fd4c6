// The small part of kubectl's JSONPath that CRD printer columns use: `.spec.replicas`, `.status.conditions[0].type`,
// `.metadata.labels['app.kubernetes.io/name']`, `{.spec.x}`. Anything else reads as absent, never throws.

type Step = string | number;

/** The steps of a path, or null when it uses more than fields, indexes and quoted keys. */
export function parseJsonPath(path: string): Step[] | null {
  let p = path.trim();
  if (p.startsWith("{") && p.endsWith("}")) p = p.slice(1, -1).trim();
  const steps: Step[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let i = 0;
  while (i < p.length) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m) return null;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] ?? m[4] ?? "");
    i = re.lastIndex;
  }
  return steps.length ? steps : null;
}

/** The value at a path, as kubectl prints it in a column: scalars as text, objects and lists as JSON, absent as "". */
export function readJsonPath(obj: unknown, path: string): string {
  const steps = parseJsonPath(path);
  if (!steps) return "";
  let cur: unknown = obj;
  for (const s of steps) {
    if (cur === null || typeof cur !== "object") return "";
    if (typeof s === "number") cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = Object.hasOwn(cur, s) ? (cur as Record<string, unknown>)[s] : undefined;
  }
  if (cur === undefined || cur === null) return "";
  if (typeof cur === "object") return JSON.stringify(cur).slice(0, 512);
  return String(cur).slice(0, 512);
}
