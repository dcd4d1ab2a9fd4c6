import { describe, expect, it } from "vitest";
import type { StatsSample } from "./container-stats";
import {
  formatCpu,
  formatMemory,
  USAGE_SORT_CAP,
  usageOf,
  usageRanking,
  usageSortNote,
  windowSample,
} from "./container-usage";
import type { ContainerSummary } from "./domain";

const mk = (name: string, state: ContainerSummary["state"] = "running", endpointId = "a"): ContainerSummary => ({
  id: `id-${name}`,
  endpointId,
  name,
  image: "busybox",
  state,
  status: "",
  ports: [],
  created: 0,
  labels: {},
});
const names = (l: ContainerSummary[]) => l.map((c) => c.name).sort();

describe("usage figures", () => {
  it("keeps only CPU and memory of a sample", () => {
    const s: StatsSample = {
      t: 1,
      cpuPercent: 12.34,
      memUsed: 1,
      memLimit: 2,
      memPercent: 50,
      netRx: 9,
      netTx: 9,
      blockRead: 9,
      blockWrite: 9,
      pids: 3,
    };
    expect(usageOf(s)).toEqual({ cpuPercent: 12.34, memUsed: 1, memLimit: 2 });
    expect(usageOf(undefined)).toBeNull();
  });

  it("formats CPU and memory, and a dash when there is no figure", () => {
    const u = { cpuPercent: 12.345, memUsed: 45.1 * 1024 ** 2, memLimit: 1.9 * 1024 ** 3 };
    expect(formatCpu(u)).toBe("12.3 %");
    expect(formatMemory(u)).toBe("45.1 MiB / 1.90 GiB");
    expect(formatMemory({ ...u, memLimit: 0 })).toBe("45.1 MiB");
    expect(formatCpu({ ...u, cpuPercent: 150 })).toBe("150.0 %");
    for (const none of [null, undefined, { ...u, cpuPercent: Number.NaN, memUsed: Number.NaN }]) {
      expect(formatCpu(none)).toBe("—");
      expect(formatMemory(none)).toBe("—");
    }
  });
});

describe("windowSample", () => {
  const rows = [mk("a"), mk("b", "exited"), mk("c"), mk("d", "paused"), mk("e"), mk("f", "created"), mk("g")];

  it("takes only running rows in the window (inclusive, clamped)", () => {
    expect(names(windowSample(rows, { start: 1, end: 4 }))).toEqual(["c", "e"]);
    expect(names(windowSample(rows, { start: -5, end: 99 }))).toEqual(["a", "c", "e", "g"]);
    expect(windowSample(rows, null)).toEqual([]);
    expect(windowSample([], { start: 0, end: 10 })).toEqual([]);
  });
});

describe("usageRanking", () => {
  it("ranks every running container of the list up to the cap", () => {
    const r = usageRanking([mk("a"), mk("b", "exited"), mk("c"), mk("d", "paused")]);
    expect(names(r.containers)).toEqual(["a", "c"]);
    expect([...r.keys].sort()).toEqual(["a/id-a", "a/id-c"]);
    expect(r.running).toBe(2);
  });

  it("past the cap ranks the first by name, whatever the rows' order", () => {
    const many = Array.from({ length: 10 }, (_, i) => mk(`n${i}`)).reverse(); // n9 … n0
    const r = usageRanking(many, 3);
    expect([...r.keys].sort()).toEqual(["a/id-n0", "a/id-n1", "a/id-n2"]);
    expect(r.running).toBe(10);
    expect(usageRanking(many.slice().reverse(), 3).keys).toEqual(r.keys);
  });

  it("tells containers of different endpoints with the same id apart", () => {
    expect(usageRanking([mk("x", "running", "a"), mk("x", "running", "b")]).keys.size).toBe(2);
  });
});

describe("usageSortNote", () => {
  it("says when the ranking covers every running container, and when it does not", () => {
    expect(usageSortNote("CPU", 0)).toMatch(/no running container/);
    expect(usageSortNote("CPU", 1)).toMatch(/^Sorted by CPU across all 1 running container of this list/);
    expect(usageSortNote("memory", USAGE_SORT_CAP + 5)).toMatch(
      new RegExp(`^Sorted by memory among ${USAGE_SORT_CAP} of ${USAGE_SORT_CAP + 5} running containers`),
    );
  });
});
