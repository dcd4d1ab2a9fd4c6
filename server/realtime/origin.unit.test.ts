import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { originAllowed } from "./origin";

const req = (headers: Record<string, string | string[] | undefined>) => ({ headers }) as unknown as IncomingMessage;

describe("originAllowed", () => {
  it("lets requests without Origin through (non-browser clients still need a session)", () => {
    expect(originAllowed(req({ host: "berth.local:3000" }), [])).toBe(true);
  });

  it("allows the server's own origin", () => {
    expect(originAllowed(req({ origin: "http://berth.local:3000", host: "berth.local:3000" }), [])).toBe(true);
    expect(originAllowed(req({ origin: "https://berth.example.com", host: "berth.example.com" }), [])).toBe(true);
  });

  it("refuses another site", () => {
    expect(originAllowed(req({ origin: "https://evil.example", host: "berth.local:3000" }), [])).toBe(false);
  });

  it("refuses look-alikes of the own host", () => {
    for (const origin of [
      "http://berth.local:3001",
      "http://berth.local",
      "http://berth.local.evil.example:3000",
      "http://evil.example/berth.local:3000",
      "http://berth.local:3000@evil.example",
      "http://xberth.local:3000",
    ]) {
      expect(originAllowed(req({ origin, host: "berth.local:3000" }), []), origin).toBe(false);
    }
  });

  it("refuses the opaque 'null' origin and garbage", () => {
    for (const origin of ["null", "", "berth.local:3000", "javascript:alert(1)", "file://"]) {
      expect(originAllowed(req({ origin, host: "berth.local:3000" }), []), origin).toBe(false);
    }
  });

  it("refuses when the request names no host to compare with", () => {
    expect(originAllowed(req({ origin: "http://berth.local:3000" }), [])).toBe(false);
  });

  it("allows configured extra origins exactly", () => {
    const allowed = ["https://dash.example.com"];
    expect(originAllowed(req({ origin: "https://dash.example.com", host: "internal:3000" }), allowed)).toBe(true);
    expect(originAllowed(req({ origin: "http://dash.example.com", host: "internal:3000" }), allowed)).toBe(false);
    expect(originAllowed(req({ origin: "https://dash.example.com.evil", host: "internal:3000" }), allowed)).toBe(false);
  });

  it("compares with the forwarded host when behind a proxy", () => {
    const headers = {
      origin: "https://berth.example.com",
      host: "127.0.0.1:3000",
      "x-forwarded-host": "berth.example.com",
    };
    expect(originAllowed(req(headers), [])).toBe(true);
    expect(originAllowed(req({ ...headers, origin: "http://127.0.0.1:3000" }), [])).toBe(false);
  });

  it("treats default ports the way URLs do", () => {
    expect(originAllowed(req({ origin: "http://berth.local:80", host: "berth.local" }), [])).toBe(true);
    expect(originAllowed(req({ origin: "https://berth.local:443", host: "berth.local" }), [])).toBe(true);
  });
});
