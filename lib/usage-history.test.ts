import { describe, expect, it } from "vitest";
import { bucketTimes, groupUsage, type Point, usageCsv } from "./usage-history";

const p = (over: Partial<Point>): Point => ({
  endpointId: "a",
  project: "",
  containerName: "c",
  b: 0,
  cpuMilli: 0,
  mem: 0,
  ...over,
});

describe("usage history", () => {
  it("sums containers into their groups per bucket, null where nothing ran", () => {
    const times = [0, 60_000, 120_000];
    const points = [
      p({ containerName: "web", project: "shop", b: 0, cpuMilli: 12_500, mem: 100 }),
      p({ containerName: "db", project: "shop", b: 0, cpuMilli: 2_500, mem: 300 }),
      p({ containerName: "db", project: "shop", b: 60_000, cpuMilli: 1_000, mem: 310 }),
      p({ containerName: "solo", project: "", b: 120_000, cpuMilli: 50_000, mem: 5 }),
      p({ b: 999 }),
    ];
    const byStack = groupUsage(points, times, (x) => [{ key: x.project, label: x.project || "(no stack)" }]);
    expect(byStack).toEqual([
      { key: "", label: "(no stack)", cpu: [null, null, 50], mem: [null, null, 5] },
      { key: "shop", label: "shop", cpu: [15, 1, null], mem: [400, 310, null] },
    ]);
  });

  it("makes buckets ending at now, and CSV a spreadsheet cannot run", () => {
    const t = bucketTimes(Date.UTC(2026, 10, 29, 12, 30, 15), "1h");
    expect(t).toHaveLength(60);
    expect(t[59]).toBe(Date.UTC(2026, 10, 29, 12, 30));
    expect(t[0]).toBe(Date.UTC(2026, 10, 29, 11, 31));
    const csv = usageCsv({
      group: "stack",
      range: "1h",
      times: [Date.UTC(2026, 10, 29, 12)],
      series: [{ key: "x", label: "=cmd()", cpu: [12.345], mem: [1024.4] }],
    });
    expect(csv).toBe("time,stack,cpu_percent,memory_bytes\n2026-11-29T12:00:00.000Z,'=cmd(),12.35,1024\n");
  });
});
