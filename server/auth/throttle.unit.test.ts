import { describe, expect, it } from "vitest";
import { SignInThrottle } from "./throttle";

const T0 = 1_700_000_000_000;

/** Fails `key` n times at time `now`, returning the wait after each failure. */
function failTimes(t: SignInThrottle, key: string, n: number, now = T0): number[] {
  const waits: number[] = [];
  for (let i = 0; i < n; i++) {
    t.fail(key, now);
    waits.push(t.wait(key, now));
  }
  return waits;
}

describe("SignInThrottle", () => {
  it("lets an unknown account try at once", () => {
    expect(new SignInThrottle().wait("nobody", T0)).toBe(0);
  });

  it("allows a few free failures, then doubles the wait per failure", () => {
    const waits = failTimes(new SignInThrottle(), "alice", 8);
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits.slice(3)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("caps the wait at five minutes however many failures pile up", () => {
    const t = new SignInThrottle();
    const waits = failTimes(t, "alice", 2_000);
    expect(Math.max(...waits)).toBe(5 * 60_000);
    expect(waits.at(-1)).toBe(5 * 60_000);
    expect(waits.every((w) => Number.isFinite(w))).toBe(true);
  });

  it("counts the wait down as time passes", () => {
    const t = new SignInThrottle();
    failTimes(t, "alice", 5); // wait 2 s from T0
    expect(t.wait("alice", T0 + 500)).toBe(1_500);
    expect(t.wait("alice", T0 + 2_000)).toBe(0);
    expect(t.wait("alice", T0 + 60_000)).toBe(0);
  });

  it("keeps growing after a wait has passed (no reset by waiting)", () => {
    const t = new SignInThrottle();
    failTimes(t, "alice", 4); // wait 1 s
    t.fail("alice", T0 + 10_000);
    expect(t.wait("alice", T0 + 10_000)).toBe(2_000);
  });

  it("resets an account on success", () => {
    const t = new SignInThrottle();
    failTimes(t, "alice", 6);
    expect(t.wait("alice", T0)).toBeGreaterThan(0);
    t.succeed("alice");
    expect(t.wait("alice", T0)).toBe(0);
    // The free failures are back too.
    expect(failTimes(t, "alice", 4)).toEqual([0, 0, 0, 1_000]);
  });

  it("keys accounts case-insensitively and independently", () => {
    const t = new SignInThrottle();
    failTimes(t, "Alice", 4);
    expect(t.wait("ALICE", T0)).toBe(1_000);
    expect(t.wait("alice", T0)).toBe(1_000);
    expect(t.wait("bob", T0)).toBe(0);
    t.succeed("aLiCe");
    expect(t.wait("alice", T0)).toBe(0);
  });

  it("stays bounded under a spray of made-up names, forgetting the least recently failed", () => {
    const t = new SignInThrottle();
    failTimes(t, "old", 3); // one more failure would cost 1 s, if remembered
    failTimes(t, "recent", 3);
    for (let i = 0; i < 9_999; i++) t.fail(`spray-${i}`, T0);
    // 10_001 keys were seen; "recent" is refreshed by a new failure just before the limit is crossed.
    t.fail("recent", T0);
    expect(t.wait("recent", T0)).toBe(1_000);
    t.fail("old", T0);
    expect(t.wait("old", T0)).toBe(0); // forgotten: counts from scratch
    const size = (t as unknown as { entries: Map<string, unknown> }).entries.size;
    expect(size).toBeLessThanOrEqual(10_000);
  });

  it("keeps a blocked account's backoff through a spray of other names", () => {
    const t = new SignInThrottle();
    failTimes(t, "victim", 6); // blocked for 4 s from T0
    const before = t.wait("victim", T0);
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 20_000; i++) t.fail(`spray-${i}`, T0);
    expect(t.wait("victim", T0)).toBe(before);
  });

  it("never holds more than its limit of entries", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 25_000; i++) t.fail(`u${i}`, T0);
    expect((t as unknown as { entries: Map<string, unknown> }).entries.size).toBe(10_000);
  });
});
