import { describe, expect, it } from "vitest";
import { qrPath } from "./qr-path";

function modules(d: string): Set<string> {
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
}

describe("qrPath", () => {
  const uri = "otpauth://totp/Berth:admin?secret=JBSWY3DPEHPK3PXP&issuer=Berth";
  const { size, d } = qrPath(uri);
  const dark = modules(d);

  it("draws a square symbol of a QR version size plus a 4-module quiet zone", () => {
    const inner = size - 8;
    expect((inner - 17) % 4).toBe(0);
    for (const m of dark) {
      const [x, y] = m.split(",").map(Number);
      expect(x).toBeGreaterThanOrEqual(4);
      expect(y).toBeGreaterThanOrEqual(4);
      expect(x).toBeLessThan(size - 4);
      expect(y).toBeLessThan(size - 4);
    }
  });

  it("has the three finder patterns (7×7 ring around a 3×3 core) in their corners", () => {
    const inner = size - 8;
    const corners: [number, number][] = [
      [4, 4],
      [4 + inner - 7, 4],
      [4, 4 + inner - 7],
    ];
    for (const [ox, oy] of corners) {
      for (let y = 0; y < 7; y++) {
        for (let x = 0; x < 7; x++) {
          const ring = x === 0 || y === 0 || x === 6 || y === 6;
          const core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
          expect(dark.has(`${ox + x},${oy + y}`), `${ox + x},${oy + y}`).toBe(ring || core);
        }
      }
    }
  });

  it("changes with the text it carries", () => {
    expect(qrPath(`${uri}x`).d).not.toBe(d);
  });
});
