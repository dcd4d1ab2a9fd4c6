// `.env` files as Compose reads them: KEY=VALUE lines, `#` comments, an optional `export `, values in single quotes
// taken literally, in double quotes with \n \t \" \\ escapes, unquoted ones trimmed with an inline ` #` comment cut.

export class DotenvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "DotenvError";
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? "").trim();
    if (!raw || raw.startsWith("#")) continue;
    const line = raw.replace(/^export\s+/, "");
    const eq = line.indexOf("=");
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!KEY.test(key)) throw new DotenvError(`"${key}" is not a variable name`, i + 1);
    if (eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    const q = value.charAt(0);
    if ((q === "'" || q === '"') && value.length >= 2 && value.lastIndexOf(q) > 0) {
      const body = value.slice(1, value.lastIndexOf(q));
      value =
        q === "'"
          ? body
          : body.replace(/\\([nrt"\\])/g, (_m, c: string) =>
              c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c,
            );
    } else {
      value = value.replace(/\s+#.*$/, "");
    }
    out[key] = value;
  }
  return out;
}
