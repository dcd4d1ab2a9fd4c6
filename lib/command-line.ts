// A command line as the form shows it, split into argv the way a POSIX shell would (quotes and backslashes only:
// no variables, globs or pipes, because the engine runs argv directly).

/** Splits a command line into arguments; `null` when a quote is left open. */
export function splitCommandLine(line: string): string[] | null {
  const args: string[] = [];
  let cur = "";
  let inArg = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
      continue;
    }
    // Backslash-newline continues the line (outside single quotes), as in a shell script written over lines.
    if (ch === "\\" && line.charAt(i + 1) === "\n") {
      i++;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line.charAt(i + 1))) cur += line.charAt(++i);
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inArg = true;
    } else if (ch === "\\" && i + 1 < line.length) {
      cur += line.charAt(++i);
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(cur);
      cur = "";
      inArg = false;
    } else {
      cur += ch;
      inArg = true;
    }
  }
  if (quote) return null;
  if (inArg) args.push(cur);
  return args;
}

/** The inverse of splitCommandLine: quotes only the arguments that need it. */
export function joinCommandLine(args: readonly string[]): string {
  return args
    .map((a) => (a !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`))
    .join(" ");
}
