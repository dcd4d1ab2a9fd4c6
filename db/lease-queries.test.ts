import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./client";
import { acquireLease, leaseHolder, releaseLease } from "./lease-queries";
import { listImageUpdates, saveImageUpdates } from "./update-queries";
import { countUsagePoints, insertUsagePoints, pruneUsagePoints, usageBuckets } from "./usage-queries";

// The lease (one replica runs a scheduled job) and the update-check rows on both dialects.

const PG_URL = process.env.BERTH_TEST_PG_URL;

async function resetPg(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("DROP SCHEMA IF EXISTS drizzle CASCADE");
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
}

if (!PG_URL) {
  it("runs against Postgres too", () => {
    throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
  });
}

describe.each(PG_URL ? ["sqlite", "pg"] : ["sqlite"])("leases, update rows and usage points on %s", (dialect) => {
  let h: DbHandle;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-lease-"));
  beforeAll(async () => {
    if (dialect === "pg") await resetPg(PG_URL!);
    h = await openDb(dialect === "pg" ? { databaseUrl: PG_URL, dataDir } : { dataDir });
  });
  afterAll(async () => {
    await h?.close();
    if (dialect === "pg") await resetPg(PG_URL!);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives a lease to one holder at a time, renews it for that holder, and hands it over once it expired", async () => {
    // Two replicas racing for a free lease: exactly one wins.
    const race = await Promise.all([acquireLease(h, "job", "a", 30_000), acquireLease(h, "job", "b", 30_000)]);
    expect(race.filter(Boolean)).toHaveLength(1);
    const winner = race[0] ? "a" : "b";
    const loser = winner === "a" ? "b" : "a";
    const first = (race[0] ?? race[1])!.epoch;
    // Renewing keeps the epoch; the other holder is refused while the lease runs.
    expect(await acquireLease(h, "job", winner, 30_000)).toEqual({ epoch: first });
    expect(await acquireLease(h, "job", loser, 30_000)).toBeNull();
    expect((await leaseHolder(h, "job"))?.holder).toBe(winner);
    // The winner's lease runs out (renewed into the past, as if it stopped renewing): the other takes it, with the
    // next epoch, and the old holder cannot take it back.
    expect(await acquireLease(h, "job", winner, -1_000)).toEqual({ epoch: first });
    expect(await acquireLease(h, "job", loser, 30_000)).toEqual({ epoch: first + 1 });
    expect(await acquireLease(h, "job", winner, 30_000)).toBeNull();
    // A clean release frees it at once, and only its holder can release it.
    await releaseLease(h, "job", winner);
    expect((await leaseHolder(h, "job"))?.holder).toBe(loser);
    await releaseLease(h, "job", loser);
    expect(await leaseHolder(h, "job")).toBeNull();
    expect(await acquireLease(h, "job", winner, 30_000)).toEqual({ epoch: first + 2 });
  });

  it("keeps one update row per container, pruning containers gone on a full check", async () => {
    const row = (containerId: string, state: string) => ({
      endpointId: "ep",
      containerId,
      containerName: containerId,
      image: "127.0.0.1:5000/x:latest",
      imageId: "sha256:1",
      state,
      localDigest: "sha256:a",
      remoteDigest: "sha256:b",
      detail: null,
      checkedAt: 1,
    });
    await saveImageUpdates(h, "ep", [row("c1", "current"), row("c2", "available")], true);
    await saveImageUpdates(h, "ep", [row("c2", "current")], false);
    expect((await listImageUpdates(h, "ep")).map((r) => `${r.containerId}:${r.state}`).sort()).toEqual([
      "c1:current",
      "c2:current",
    ]);
    await saveImageUpdates(h, "ep", [row("c2", "available")], true);
    expect((await listImageUpdates(h, "ep")).map((r) => r.containerId)).toEqual(["c2"]);
    await saveImageUpdates(h, "ep", [], true);
    expect(await listImageUpdates(h, "ep")).toEqual([]);
  });

  it("aggregates usage points into buckets in the database and prunes old ones", async () => {
    const M = 60_000;
    const t0 = 1_790_000_000_000 - (1_790_000_000_000 % (10 * M));
    const pt = (containerName: string, t: number, cpu: number, mem: number, project = "shop") => ({
      endpointId: "ep",
      containerId: `id-${containerName}`,
      containerName,
      project,
      t,
      cpu,
      mem,
    });
    await insertUsagePoints(h, [
      pt("web", t0, 10_000, 100),
      pt("web", t0 + M, 30_000, 300),
      pt("db", t0, 5_000, 1_000),
      pt("web", t0 + 10 * M, 1_000, 50),
      pt("other", t0, 1, 1, ""),
    ]);
    // The same point twice (a replica taking over mid-minute) is kept once.
    await insertUsagePoints(h, [pt("web", t0, 99_000, 9)]);
    const rows = await usageBuckets(h, ["ep"], t0, t0 + 20 * M, 10 * M);
    const key = (r: { containerName: string; b: number }) => `${r.containerName}@${(r.b - t0) / M}`;
    expect(Object.fromEntries(rows.map((r) => [key(r), [r.cpuMilli, r.mem]]))).toEqual({
      "web@0": [20_000, 200],
      "db@0": [5_000, 1_000],
      "other@0": [1, 1],
      "web@10": [1_000, 50],
    });
    expect(await usageBuckets(h, [], t0, t0 + M, M)).toEqual([]);
    await pruneUsagePoints(h, t0 + 5 * M);
    expect(await countUsagePoints(h)).toBe(1);
  });
});
