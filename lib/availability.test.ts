import { describe, expect, it } from "vitest";
import { computeAvailability, DAY_MS, describeAvailability, formatDuration, formatPercent } from "./availability";

const H = 3_600_000;
const NOW = 10 * DAY_MS;

describe("computeAvailability", () => {
  it("is null, not 100 %, when nothing was observed", () => {
    expect(computeAvailability([], NOW)).toEqual({ windowMs: DAY_MS, observedMs: 0, upMs: 0, percent: null });
    expect(describeAvailability(computeAvailability([], NOW))).toBe("Not watched yet");
  });

  it("counts up time over observed time within the last 24 h", () => {
    const a = computeAvailability(
      [
        { state: "up", since: NOW - 24 * H, until: NOW - 6 * H },
        { state: "down", since: NOW - 6 * H, until: NOW - 5 * H },
        { state: "up", since: NOW - 5 * H, until: NOW },
      ],
      NOW,
    );
    expect(a.observedMs).toBe(24 * H);
    expect(a.upMs).toBe(23 * H);
    expect(a.percent).toBeCloseTo((23 / 24) * 100, 10);
    expect(describeAvailability(a)).toBe("95.83% over the last 24 h");
  });

  it("clips periods that started before the window or end in the future", () => {
    const a = computeAvailability(
      [
        { state: "down", since: NOW - 48 * H, until: NOW - 12 * H },
        { state: "up", since: NOW - 12 * H, until: NOW + 5 * H },
      ],
      NOW,
    );
    expect(a.observedMs).toBe(24 * H);
    expect(a.upMs).toBe(12 * H);
    expect(a.percent).toBe(50);
  });

  it("ignores periods entirely outside the window", () => {
    const a = computeAvailability([{ state: "down", since: NOW - 30 * H, until: NOW - 25 * H }], NOW);
    expect(a.percent).toBeNull();
  });

  it("does not count unobserved gaps (Berth stopped, endpoint unreachable) as up or down", () => {
    const a = computeAvailability(
      [
        { state: "up", since: NOW - 3 * H, until: NOW - 2 * H },
        // two hours nobody watched
        { state: "down", since: NOW - 30 * 60_000, until: NOW },
      ],
      NOW,
    );
    expect(a.observedMs).toBe(1.5 * H);
    expect(a.percent).toBeCloseTo((1 / 1.5) * 100, 10);
    expect(describeAvailability(a)).toBe("66.66% over 1 h 30 min watched (of the last 24 h)");
  });

  it("says honestly when Berth has watched for less than the window", () => {
    const a = computeAvailability([{ state: "up", since: NOW - 3 * H - 12 * 60_000, until: NOW }], NOW);
    expect(a.percent).toBe(100);
    expect(describeAvailability(a)).toBe("100% over 3 h 12 min watched (of the last 24 h)");
  });

  it("treats a day with a short restart gap as a full day", () => {
    const a = computeAvailability(
      [
        { state: "up", since: NOW - 24 * H, until: NOW - H },
        { state: "up", since: NOW - H + 30_000, until: NOW },
      ],
      NOW,
    );
    expect(describeAvailability(a)).toBe("100% over the last 24 h");
  });

  it("counts overlapping periods once, in any input order", () => {
    const a = computeAvailability(
      [
        { state: "up", since: NOW - 2 * H, until: NOW },
        { state: "up", since: NOW - 4 * H, until: NOW - H },
        { state: "down", since: NOW - 4 * H, until: NOW - 4 * H },
      ],
      NOW,
    );
    expect(a.observedMs).toBe(4 * H);
    expect(a.upMs).toBe(4 * H);
  });
});

describe("formatPercent", () => {
  it("never rounds a partial outage up to 100 % or a little up time down to 0 %", () => {
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(99.99999)).toBe("99.99%");
    expect(formatPercent(99.5)).toBe("99.5%");
    expect(formatPercent(50)).toBe("50%");
    expect(formatPercent(0.0001)).toBe("0.01%");
    expect(formatPercent(0)).toBe("0%");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(7 * 60_000 + 5_000)).toBe("7 min");
    expect(formatDuration(5 * H + 12 * 60_000)).toBe("5 h 12 min");
    expect(formatDuration(3 * DAY_MS + 4 * H + 1)).toBe("3 d 4 h");
    expect(formatDuration(-5)).toBe("0 s");
  });
});
