// Compose variable interpolation, as the compose spec (and `docker stack deploy`) define it:
// $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}; `$$` is a `$`.
// Unset variables without a default become "" and are reported, as the CLI warns about them.

export class InterpolationError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = "InterpolationError";
  }
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const TOKEN = new RegExp(
  `\\$(?:(\\$)|(${NAME})|\\{(${NAME})(?:(:?[-?+])((?:[^{}]|\\{[^{}]*\\})*))?\\}|(\\{[^}]*\\}?))`,
  "g",
);

export function interpolateString(
  s: string,
  env: Readonly<Record<string, string>>,
  path: (string | number)[] = [],
  missing: Set<string> = new Set(),
): string {
  return s.replace(TOKEN, (_m, dollar, bare, name, op, arg, bad) => {
    if (dollar) return "$";
    if (bad !== undefined) throw new InterpolationError(`Invalid interpolation format "$${bad}"`, path);
    const key = (bare ?? name) as string;
    const set = Object.hasOwn(env, key);
    const value = set ? (env[key] as string) : undefined;
    const empty = !set || value === "";
    const nested = (t: string) => interpolateString(t, env, path, missing);
    switch (op) {
      case ":-":
        return empty ? nested(arg) : (value as string);
      case "-":
        return set ? (value as string) : nested(arg);
      case ":?":
        if (empty) throw new InterpolationError(`${key} is required: ${nested(arg) || "not set"}`, path);
        return value as string;
      case "?":
        if (!set) throw new InterpolationError(`${key} is required: ${nested(arg) || "not set"}`, path);
        return value as string;
      case ":+":
        return empty ? "" : nested(arg);
      case "+":
        return set ? nested(arg) : "";
      default:
        if (!set) missing.add(key);
        return value ?? "";
    }
  });
}

/** Interpolates every string value (not keys) of a parsed compose document; returns the variables that were unset. */
export function interpolate(
  doc: unknown,
  env: Readonly<Record<string, string>>,
): { value: unknown; missing: string[] } {
  const missing = new Set<string>();
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === "string") return interpolateString(v, env, path, missing);
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  return { value: walk(doc, []), missing: [...missing].sort() };
}
