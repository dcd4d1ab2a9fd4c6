/**
 * A small ANSI SGR parser: turns a terminal line into styled text segments that a UI renders as plain text nodes
 * with inline colours (never as HTML). Colours become CSS colour strings; every other escape sequence (cursor
 * movement, OSC titles, hyperlinks) is dropped. Each line is parsed on its own, starting unstyled.
 */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

// xterm's default palette, so colours look like they do in a terminal.
const BASIC: readonly string[] = [
  "#000000",
  "#cd3131",
  "#0dbc79",
  "#e5e510",
  "#2472c8",
  "#bc3fbc",
  "#11a8cd",
  "#e5e5e5",
  "#666666",
  "#f14c4c",
  "#23d18b",
  "#f5f543",
  "#3b8eea",
  "#d670d6",
  "#29b8db",
  "#ffffff",
];

export function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return BASIC[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return rgb(v, v, v);
  }
  const i = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  const at = (k: number) => steps[k] ?? 0;
  return rgb(at(Math.floor(i / 36)), at(Math.floor(i / 6) % 6), at(i % 6));
}

function rgb(r: number, g: number, b: number): string {
  const h = (v: number) =>
    Math.max(0, Math.min(255, v | 0))
      .toString(16)
      .padStart(2, "0");
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** Applies one SGR parameter list to a style (mutating a copy the caller owns). */
function applySgr(style: AnsiStyle, list: number[]): void {
  const params = list.length === 0 ? [0] : list;
  const at = (k: number) => params[k] ?? -1;
  for (let i = 0; i < params.length; i++) {
    const p = at(i);
    if (p === 0) for (const k of Object.keys(style)) delete style[k as keyof AnsiStyle];
    else if (p === 1) style.bold = true;
    else if (p === 2) style.dim = true;
    else if (p === 3) style.italic = true;
    else if (p === 4) style.underline = true;
    else if (p === 7) style.inverse = true;
    else if (p === 22) {
      delete style.bold;
      delete style.dim;
    } else if (p === 23) delete style.italic;
    else if (p === 24) delete style.underline;
    else if (p === 27) delete style.inverse;
    else if (p >= 30 && p <= 37) style.fg = BASIC[p - 30];
    else if (p === 39) delete style.fg;
    else if (p >= 40 && p <= 47) style.bg = BASIC[p - 40];
    else if (p === 49) delete style.bg;
    else if (p >= 90 && p <= 97) style.fg = BASIC[p - 90 + 8];
    else if (p >= 100 && p <= 107) style.bg = BASIC[p - 100 + 8];
    else if (p === 38 || p === 48) {
      const key = p === 38 ? "fg" : "bg";
      let value: string | undefined;
      if (at(i + 1) === 5) {
        value = color256(at(i + 2));
        i += 2;
      } else if (at(i + 1) === 2) {
        const [r, g, b] = [at(i + 2), at(i + 3), at(i + 4)];
        if ([r, g, b].every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) value = rgb(r, g, b);
        i += 4;
      } else {
        i = params.length; // malformed: ignore the rest
      }
      if (value) style[key] = value;
    }
  }
}

// ESC [ params final | ESC ] ... (BEL | ESC \) | ESC + one char | lone C0 controls other than tab.
// Linear: every alternative consumes at least one character and none nests.
const ESCAPES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal control characters is the point
  /\x1b\[([0-9;:?<=>]*)([\x20-\x2f]*)([\x40-\x7e])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\x20-\x7e]?|[\x00-\x08\x0b-\x1f\x7f]/g;

export function parseAnsi(line: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev && sameStyle(prev.style, style)) prev.text += text;
    else out.push({ text, style: { ...style } });
  };
  ESCAPES.lastIndex = 0;
  for (let m = ESCAPES.exec(line); m; m = ESCAPES.exec(line)) {
    push(line.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[3] === "m" && !m[2]) {
      const params = !m[1] ? [] : m[1].split(/[;:]/).map((s) => (s === "" ? 0 : Number(s)));
      style = { ...style };
      applySgr(style, params);
    }
  }
  push(line.slice(last));
  return out;
}

/** The line as plain text: what search, copy and download use. */
export function stripAnsi(line: string): string {
  ESCAPES.lastIndex = 0;
  return line.replace(ESCAPES, "");
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  const ka = Object.keys(a) as (keyof AnsiStyle)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
