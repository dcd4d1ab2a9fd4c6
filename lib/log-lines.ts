// Log text framing shared by every kind: lines out of a byte stream, and the RFC 3339 timestamp prefix both
// Docker (`timestamps=1`) and Kubernetes (`timestamps=true`) put before each line.

/**
 * Splits a byte stream into text lines, per stream, decoding UTF-8 across chunk boundaries. A line longer than
 * `maxLine` characters is cut there (the rest becomes the next line) so one endless line cannot hold memory.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder("utf-8");
  private partial = "";

  constructor(private readonly maxLine = 16 * 1024) {}

  push(bytes: Uint8Array): string[] {
    return this.split(this.partial + this.decoder.decode(bytes, { stream: true }));
  }

  /** Whatever is left at the end of the stream (a last line without a newline). */
  flush(): string[] {
    const rest = this.partial + this.decoder.decode();
    this.partial = "";
    return rest ? [rest.replace(/\r$/, "")] : [];
  }

  private split(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      pushCut(lines, text.slice(start, nl).replace(/\r$/, ""), this.maxLine);
      start = nl + 1;
    }
    let rest = text.slice(start);
    while (rest.length > this.maxLine) {
      lines.push(rest.slice(0, this.maxLine));
      rest = rest.slice(this.maxLine);
    }
    this.partial = rest;
    return lines;
  }
}

function pushCut(lines: string[], line: string, max: number): void {
  if (line.length <= max) return void lines.push(line);
  for (let i = 0; i < line.length; i += max) lines.push(line.slice(i, i + max));
}

/** Docker's `timestamps=1` prefix: an RFC 3339 time with nanoseconds and a space. */
const TS_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;

export function splitTimestamp(line: string): { ts?: string; text: string } {
  const m = TS_PREFIX.exec(line);
  return m ? { ts: m[1], text: line.slice(m[0].length) } : { text: line };
}
