import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, exitCode, filterAndSort, isFailed, matchesFilter, projectsOf } from "./container-filter";
import type { ContainerSummary } from "./domain";

const mk = (p: Partial<ContainerSummary> & { name: string }): ContainerSummary => ({
  id: p.name,
  endpointId: "a",
  image: "busybox",
  state: "running",
  status: "Up",
  ports: [],
  created: 0,
  labels: {},
  ...p,
});

const web = mk({ name: "web-1", image: "nginx:1", labels: { "com.docker.compose.project": "shop", tier: "front" } });
const db = mk({ name: "db", image: "postgres:15", state: "exited", endpointId: "b", created: 5 });
const sick = mk({ name: "api", status: "Up 1 minute (unhealthy)", created: 9, labels: { tier: "back" } });
const all = [web, db, sick];
const names = (l: ContainerSummary[]) => l.map((c) => c.name);
const ep = (id: string) => ({ a: "zeta", b: "alpha" })[id] ?? id;

describe("matchesFilter", () => {
  it("matches name and image case-insensitively by substring", () => {
    expect(matchesFilter(web, { ...EMPTY_FILTER, name: "WEB" })).toBe(true);
    expect(matchesFilter(web, { ...EMPTY_FILTER, image: "postgres" })).toBe(false);
  });

  it("filters by state, with unhealthy as its own choice", () => {
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, state: "exited" }))).toEqual([db]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, state: "unhealthy" }))).toEqual([sick]);
  });

  it("reads exit codes and filters non-zero exits as failed", () => {
    const crashed = mk({ name: "crashed", state: "exited", status: "Exited (137) 2 minutes ago" });
    const clean = mk({ name: "clean", state: "exited", status: "Exited (0) 1 hour ago" });
    expect(exitCode(crashed)).toBe(137);
    expect(exitCode(clean)).toBe(0);
    expect(exitCode(web)).toBeNull();
    expect(isFailed(clean)).toBe(false);
    expect([crashed, clean, web].filter((c) => matchesFilter(c, { ...EMPTY_FILTER, state: "failed" }))).toEqual([
      crashed,
    ]);
  });

  it("filters by label key or key=value, and by compose project and endpoint", () => {
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, label: "tier" }))).toEqual([web, sick]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, label: "tier=back" }))).toEqual([sick]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, label: "__proto__" }))).toEqual([]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, project: "shop" }))).toEqual([web]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, endpointId: "b" }))).toEqual([db]);
  });

  it("filters by the last image update check; errors and never-checked count as not known", () => {
    const states: Record<string, string> = { "web-1": "available", db: "current", api: "error" };
    const of = (c: ContainerSummary) => states[c.name];
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, update: "available" }, of))).toEqual([web]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, update: "current" }, of))).toEqual([db]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, update: "unknown" }, of))).toEqual([sick]);
    expect(all.filter((c) => matchesFilter(c, { ...EMPTY_FILTER, update: "available" }))).toEqual([]);
  });
});

describe("filterAndSort", () => {
  it("sorts by a column either way, numbers as numbers", () => {
    expect(names(filterAndSort(all, EMPTY_FILTER, "name", "asc", ep))).toEqual(["api", "db", "web-1"]);
    expect(names(filterAndSort(all, EMPTY_FILTER, "created", "desc", ep))).toEqual(["api", "db", "web-1"]);
    expect(names(filterAndSort(all, EMPTY_FILTER, "endpoint", "asc", ep))).toEqual(["db", "api", "web-1"]);
  });

  it("sorts by CPU or memory from the usage figures; rows without one come last either way", () => {
    const cache = mk({ name: "cache" });
    const figures: Record<string, { cpuPercent: number; memUsed: number }> = {
      "web-1": { cpuPercent: 50, memUsed: 10 },
      api: { cpuPercent: 2, memUsed: 900 },
      cache: { cpuPercent: 50, memUsed: 5 },
    };
    const usage = (c: ContainerSummary) => figures[c.name];
    const list = [web, db, sick, cache];
    // Equal CPU falls back to name; db (no figure) last.
    expect(names(filterAndSort(list, EMPTY_FILTER, "cpu", "desc", ep, usage))).toEqual(["cache", "web-1", "api", "db"]);
    expect(names(filterAndSort(list, EMPTY_FILTER, "cpu", "asc", ep, usage))).toEqual(["api", "cache", "web-1", "db"]);
    expect(names(filterAndSort(list, EMPTY_FILTER, "memory", "desc", ep, usage))).toEqual([
      "api",
      "web-1",
      "cache",
      "db",
    ]);
    // Figures that look the same on screen (0.0 %, 456 KiB) keep the name order rather than swapping on noise.
    const noise: Record<string, { cpuPercent: number; memUsed: number }> = {
      "web-1": { cpuPercent: 0.04, memUsed: 467_100 },
      api: { cpuPercent: 0.01, memUsed: 466_900 },
      cache: { cpuPercent: 0.02, memUsed: 467_000 },
    };
    const quiet = (c: ContainerSummary) => noise[c.name];
    expect(names(filterAndSort(list, EMPTY_FILTER, "cpu", "desc", ep, quiet))).toEqual(["api", "cache", "web-1", "db"]);
    expect(names(filterAndSort(list, EMPTY_FILTER, "memory", "asc", ep, quiet))).toEqual([
      "api",
      "cache",
      "web-1",
      "db",
    ]);
    expect(
      names(filterAndSort(list, EMPTY_FILTER, "cpu", "desc", ep, () => ({ cpuPercent: Number.NaN, memUsed: 1 }))),
    ).toEqual(["api", "cache", "db", "web-1"]);
    // Without figures at all: name order, whichever the direction.
    expect(names(filterAndSort(list, EMPTY_FILTER, "cpu", "desc", ep))).toEqual(["api", "cache", "db", "web-1"]);
  });

  it("lists compose projects once each", () => {
    expect(projectsOf([web, web, db])).toEqual(["shop"]);
  });
});
