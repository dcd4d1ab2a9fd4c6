/**
 * Docker's multiplexed attach/logs stream (non-TTY containers): frames of an 8-byte header
 * `[stream, 0, 0, 0, size(uint32 big-endian)]` followed by `size` bytes of payload. stream 1 is stdout, 2 stderr
 * (0 is stdin, echoed only in rare attach modes; treated as stdout). Pure and incremental: chunks may split a
 * header or a payload anywhere.
 */
export type StreamId = 1 | 2;

export interface Frame {
  stream: StreamId;
  payload: Uint8Array;
}

const HEADER = 8;

export class DockerDemuxer {
  private pending: Uint8Array = new Uint8Array(0);

  /** Feeds a chunk; returns the complete frames it finished. */
  push(chunk: Uint8Array): Frame[] {
    let buf = this.pending.length ? concat(this.pending, chunk) : chunk;
    const out: Frame[] = [];
    while (buf.length >= HEADER) {
      const size = new DataView(buf.buffer, buf.byteOffset + 4, 4).getUint32(0, false);
      if (buf.length < HEADER + size) break;
      out.push({ stream: buf[0] === 2 ? 2 : 1, payload: buf.subarray(HEADER, HEADER + size) });
      buf = buf.subarray(HEADER + size);
    }
    // Copy the remainder so the caller's chunk can be released.
    this.pending = buf.length ? buf.slice() : new Uint8Array(0);
    return out;
  }

  /** Bytes held waiting for the rest of a frame. */
  get buffered(): number {
    return this.pending.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

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
