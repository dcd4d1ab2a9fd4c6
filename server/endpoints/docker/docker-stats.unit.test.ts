import { describe, expect, it } from "vitest";
import busy from "@/test-support/fixtures/docker-stats-busy.json";
import cache from "@/test-support/fixtures/docker-stats-cache.json";
import { blockIo, cpuPercent, memoryUsed, type RawStats, toSample } from "./docker-stats";

// Both fixtures are real payloads from dockerd 20.10 (cgroup v1). For the busy one (`yes > /dev/null` with
// --cpus 0.5) the docker CLI printed "48.84%" and "492KiB" at nearly the same moment.

describe("cpuPercent", () => {
  it("matches the docker CLI formula on a real payload", () => {
    const expected = ((1853252759 - 1353861031) / (2529390000000 - 2527410000000)) * 2 * 100;
    expect(cpuPercent(busy as RawStats)).toBeCloseTo(expected, 10);
    expect(cpuPercent(busy as RawStats)).toBeGreaterThan(45);
    expect(cpuPercent(busy as RawStats)).toBeLessThan(55);
  });

  it("falls back to the per-CPU list when online_cpus is missing", () => {
    const raw = structuredClone(busy) as RawStats;
    delete raw.cpu_stats!.online_cpus;
    expect(cpuPercent(raw)).toBeCloseTo(cpuPercent(busy as RawStats), 10);
  });

  it("is 0 on the first sample of a stream (no previous reading)", () => {
    const raw = structuredClone(busy) as RawStats;
    raw.precpu_stats = { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 };
    // system delta is then the whole uptime; the CLI gets a meaningless number too, so Berth drops these samples.
    expect(cpuPercent({ ...raw, precpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 5e15 } })).toBe(0);
    expect(cpuPercent({})).toBe(0);
  });
});

describe("memoryUsed", () => {
  it("subtracts total_inactive_file like the CLI (cgroup v1)", () => {
    expect(memoryUsed(busy as RawStats)).toBe(503808); // the CLI showed 492KiB
    expect(memoryUsed(cache as RawStats)).toBe(31793152 - 3407872);
  });

  it("uses inactive_file on cgroup v2 and never goes negative", () => {
    expect(memoryUsed({ memory_stats: { usage: 1000, stats: { inactive_file: 300 } } })).toBe(700);
    expect(memoryUsed({ memory_stats: { usage: 100, stats: { inactive_file: 300 } } })).toBe(100);
  });
});

describe("toSample", () => {
  it("sums networks and block I/O", () => {
    const raw = structuredClone(busy) as RawStats;
    raw.networks = { eth0: { rx_bytes: 10, tx_bytes: 1 }, eth1: { rx_bytes: 5, tx_bytes: 2 } };
    raw.blkio_stats = {
      io_service_bytes_recursive: [
        { op: "Read", value: 4096 },
        { op: "Write", value: 8192 },
        { op: "read", value: 1 },
        { op: "Total", value: 12289 },
      ],
    };
    const s = toSample(raw);
    expect([s.netRx, s.netTx, s.pids]).toEqual([15, 3, 2]);
    expect(blockIo(raw)).toEqual({ read: 4097, write: 8192 });
    expect(s.t).toBe(Date.parse("2026-11-22T02:00:45.56595944Z"));
    expect(s.memPercent).toBeCloseTo((503808 / 25276514304) * 100, 10);
  });
});
