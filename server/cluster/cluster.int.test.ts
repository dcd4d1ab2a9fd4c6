import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "@/db/client";
import { acquireLease, releaseLease } from "@/db/lease-queries";
import type { ContainerSummary } from "@/lib/domain";
import { EndpointManager } from "@/server/endpoints/endpoint-manager";
import type { Logger } from "@/server/log";
import { resetPg } from "@/test-support/auth-harness";
import { PgBus } from "./bus";
import { EndpointReplication, endpointLease } from "./endpoint-replication";
import { LeaseKeeper } from "./leases";

// Leases, the Postgres bus and endpoint replication against the rig's real Postgres and dockerd: two "replicas" in
// one process, each with its own database pool, bus connection, lease keeper and endpoint manager.

const PG_URL = process.env.BERTH_TEST_PG_URL ?? "";
const DOCKER_HOST = process.env.BERTH_TEST_DOCKER_HOST ?? "";
const IMAGE = process.env.BERTH_TEST_IMAGE ?? "";
const quiet = pino({ level: "silent" }) as unknown as Logger;
const FAST = { ttlMs: 1_500, renewEveryMs: 300 };

const docker = (...args: string[]) =>
  execFileSync("docker", ["-H", DOCKER_HOST, ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKER_API_VERSION: "1.41" },
  }).trim();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

let a: DbHandle;
let b: DbHandle;

beforeAll(async () => {
  if (!PG_URL || !DOCKER_HOST)
    throw new Error("start the test rig and source its env (BERTH_TEST_PG_URL, BERTH_TEST_DOCKER_HOST)");
  await resetPg(PG_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-cluster-"));
  a = await openDb({ databaseUrl: PG_URL, dataDir });
  b = await openDb({ databaseUrl: PG_URL, dataDir });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe("leases", () => {
  it("one holder at a time; expiry hands it over with a higher epoch; release frees it at once (Postgres)", async () => {
    expect(await acquireLease(a, "t1", "A", 60_000)).toEqual({ epoch: 1 });
    expect(await acquireLease(b, "t1", "B", 60_000)).toBeNull();
    expect(await acquireLease(a, "t1", "A", 60_000)).toEqual({ epoch: 1 });
    await releaseLease(a, "t1", "A");
    expect(await acquireLease(b, "t1", "B", 100)).toEqual({ epoch: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await acquireLease(a, "t1", "A", 60_000)).toEqual({ epoch: 3 });
  });

  it("the same statements work on SQLite", async () => {
    const s = await openDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "berth-lease-")) });
    try {
      expect(await acquireLease(s, "t", "A", 60_000)).toEqual({ epoch: 1 });
      expect(await acquireLease(s, "t", "B", 60_000)).toBeNull();
      await releaseLease(s, "t", "A");
      expect(await acquireLease(s, "t", "B", 60_000)).toEqual({ epoch: 2 });
    } finally {
      await s.close();
    }
  });

  it("racing keepers: exactly one gains; a keeper that stops renewing loses it to the other", async () => {
    const events: string[] = [];
    const ka = new LeaseKeeper(a, "A", quiet, FAST);
    const kb = new LeaseKeeper(b, "B", quiet, FAST);
    const cb = (who: string) => ({ gained: () => events.push(`${who}+`), lost: () => events.push(`${who}-`) });
    ka.hold("job", cb("A"));
    kb.hold("job", cb("B"));
    await until(() => events.length >= 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(events).toHaveLength(1);
    const first = events[0]!.slice(0, 1);
    const [winner, loser] = first === "A" ? [ka, kb] : [kb, ka];
    // The winner stops renewing without releasing (as a killed process would): the other takes over after the TTL.
    (winner as unknown as { stopped: boolean }).stopped = true;
    await until(() => loser.holds("job"));
    expect(events.at(-1)).toBe(`${first === "A" ? "B" : "A"}+`);
    await loser.stop();
    await winner.stop();
  });
});

describe("PgBus", () => {
  it("delivers each message once to the other replica, never to itself, in order, big ones in chunks", async () => {
    const one = new PgBus("one", quiet);
    const two = new PgBus("two", quiet);
    await one.open(PG_URL);
    await two.open(PG_URL);
    try {
      const atTwo: unknown[] = [];
      const atOne: unknown[] = [];
      two.on("t", (body) => atTwo.push(body));
      one.on("t", (body) => atOne.push(body));
      const big = "x".repeat(100_000);
      for (let i = 0; i < 20; i++) one.publish("t", i === 10 ? { i, big } : { i });
      await until(() => atTwo.length === 20);
      await new Promise((r) => setTimeout(r, 300));
      expect(atTwo.map((m) => (m as { i: number }).i)).toEqual([...Array(20).keys()]);
      expect((atTwo[10] as { big: string }).big).toBe(big);
      expect(atOne).toEqual([]);
      expect(one.counters.sent).toBe(20);
      expect(one.counters.notifies).toBeGreaterThan(20);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe("endpoint replication", () => {
  it("one upstream for both; the mirror shows the owner's containers; it takes over when the owner dies", async () => {
    const replicas = await Promise.all(
      (["ra", "rb"] as const).map(async (id, i) => {
        const db = i === 0 ? a : b;
        const bus = new PgBus(id, quiet);
        await bus.open(PG_URL);
        const keeper = new LeaseKeeper(db, id, quiet, FAST);
        const endpoints = new EndpointManager(quiet);
        const replication = new EndpointReplication(endpoints, bus, keeper, db, quiet);
        replication.start();
        return { id, bus, keeper, endpoints, replication };
      }),
    );
    const row = { id: "local", name: "local", kind: "docker", url: DOCKER_HOST, secret: null, createdAt: Date.now() };
    const name = `cluster-int-${Date.now().toString(36)}`;
    try {
      for (const r of replicas) r.endpoints.add(row);
      await until(() => replicas.some((r) => r.keeper.holds(endpointLease("local"))));
      const owner = replicas.find((r) => r.keeper.holds(endpointLease("local")))!;
      const mirror = replicas.find((r) => r !== owner)!;
      expect(owner.endpoints.session("local")!.owning).toBe(true);
      expect(mirror.endpoints.session("local")!.owning).toBe(false);

      docker("run", "-d", "--name", name, IMAGE, "sleep", "3600");
      const stateAt = (r: (typeof replicas)[number]) =>
        r.endpoints
          .session("local")
          ?.store<ContainerSummary>("containers")
          ?.snapshot()
          .find((c) => c.name === name)?.state;
      await until(() => stateAt(mirror) === "running");
      await until(() => mirror.endpoints.view("local")?.health.state === "up");
      // Same store on both sides.
      const ids = (r: (typeof replicas)[number]) =>
        [...(r.endpoints.session("local")!.store<ContainerSummary>("containers")!.keys() ?? [])].sort();
      expect(ids(mirror)).toEqual(ids(owner));

      // The owner dies without a word: its session stops, its lease is no longer renewed, its bus goes quiet.
      (owner.keeper as unknown as { stopped: boolean }).stopped = true;
      owner.replication.stop();
      owner.endpoints.stopAll();
      await owner.bus.close();
      docker("stop", "-t", "1", name);
      await until(() => mirror.endpoints.session("local")!.owning);
      await until(() => stateAt(mirror) === "exited");
    } finally {
      try {
        docker("rm", "-f", name);
      } catch {}
      for (const r of replicas) {
        await r.replication.stop();
        r.endpoints.stopAll();
        await r.keeper.stop();
        await r.bus.close();
      }
    }
  });
});
