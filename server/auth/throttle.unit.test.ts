import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, CLIENT_POLICY, delayAfter, delayTable } from "./throttle";

describe("sign-in backoff", () => {
  it("allows a few free attempts, then doubles the wait per attempt", () => {
    const waits = Array.from({ length: 8 }, (_, i) => delayAfter(i + 1, ACCOUNT_POLICY));
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("caps the wait at five minutes however many attempts pile up", () => {
    expect(delayAfter(2_000, ACCOUNT_POLICY)).toBe(5 * 60_000);
    expect(Number.isFinite(delayAfter(1e9, ACCOUNT_POLICY))).toBe(true);
  });

  it("gives a client address more free attempts than one account", () => {
    expect(delayAfter(10, CLIENT_POLICY)).toBe(0);
    expect(delayAfter(11, CLIENT_POLICY)).toBe(1_000);
  });

  it("tabulates the waits up to the cap, for the database's CASE", () => {
    const table = delayTable(ACCOUNT_POLICY);
    expect(table.slice(0, 5)).toEqual([0, 0, 0, 1_000, 2_000]);
    expect(table.at(-1)).toBe(5 * 60_000);
    expect(table.at(-2)).toBeLessThan(5 * 60_000);
  });
});
