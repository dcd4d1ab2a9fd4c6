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
