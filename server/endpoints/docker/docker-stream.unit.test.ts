import { describe, expect, it } from "vitest";
import { DockerDemuxer } from "./docker-stream";

const enc = new TextEncoder();
const dec = new TextDecoder();

function frame(stream: number, text: string | Uint8Array): Uint8Array {
  const payload = typeof text === "string" ? enc.encode(text) : text;
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.length, false);
  out.set(payload, 8);
  return out;
}

describe("DockerDemuxer", () => {
  it("tells stdout from stderr", () => {
    const d = new DockerDemuxer();
    const all = new Uint8Array([...frame(1, "out\n"), ...frame(2, "err\n")]);
    const frames = d.push(all);
    expect(frames.map((f) => [f.stream, dec.decode(f.payload)])).toEqual([
      [1, "out\n"],
      [2, "err\n"],
    ]);
  });

  it("reassembles frames split at every byte", () => {
    const all = new Uint8Array([...frame(2, "hello\n"), ...frame(1, "world\n"), ...frame(1, "")]);
    const d = new DockerDemuxer();
    const got: [number, string][] = [];
    for (const b of all) for (const f of d.push(new Uint8Array([b]))) got.push([f.stream, dec.decode(f.payload)]);
    expect(got).toEqual([
      [2, "hello\n"],
      [1, "world\n"],
      [1, ""],
    ]);
    expect(d.buffered).toBe(0);
  });

  it("handles payloads larger than 16 MiB in size field without overflow", () => {
    const d = new DockerDemuxer();
    const header = new Uint8Array([1, 0, 0, 0, 0x80, 0, 0, 1]);
    expect(d.push(header)).toEqual([]);
    expect(d.buffered).toBe(8);
  });
});
