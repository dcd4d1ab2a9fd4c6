import { describe, expect, it } from "vitest";
import { RegistryError } from "./registry-client";
import { PER_REGISTRY, RegistryLimiter } from "./registry-limiter";

describe("RegistryLimiter", () => {
  it("runs at most PER_REGISTRY requests at once per registry, others in parallel", async () => {
    const limiter = new RegistryLimiter();
    let active = 0;
    let peak = 0;
    const job = () =>
      limiter.run("r1", async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        return 1;
      });
    let other = 0;
    const results = await Promise.all([
      ...Array.from({ length: 7 }, job),
      limiter.run("r2", async () => {
        other = active;
        return 2;
      }),
    ]);
    expect(peak).toBe(PER_REGISTRY);
    expect(other).toBeGreaterThan(0);
    expect(results.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it("pauses a registry after a 429 for at least its Retry-After and refuses while the pause is long", async () => {
    const limiter = new RegistryLimiter();
    await expect(
      limiter.run("r1", async () => {
        throw new RegistryError("slow down", 429, 120_000);
      }),
    ).rejects.toThrow("slow down");
    const until = limiter.pausedUntil("r1");
    expect(until).toBeGreaterThan(Date.now() + 100_000);
    let called = false;
    await expect(
      limiter.run("r1", async () => {
        called = true;
      }),
    ).rejects.toThrow(/rate-limiting Berth; checks resume after/);
    expect(called).toBe(false);
    expect(limiter.pausedUntil("r2")).toBe(0);
    // Other failures do not pause.
    await expect(
      limiter.run("r3", async () => {
        throw new RegistryError("no such tag", 404);
      }),
    ).rejects.toThrow();
    expect(limiter.pausedUntil("r3")).toBe(0);
  });
});
