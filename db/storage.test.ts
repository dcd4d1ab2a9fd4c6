import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./client";
import {
  claimOnce,
  countAdmins,
  findUserById,
  findUserByName,
  getMeta,
  grantsForUser,
  insertAudit,
  insertEndpoint,
  insertUser,
  listAudit,
  listEndpoints,
  type NewAudit,
} from "./queries";

// One suite, run against both dialects through the same openDb + queries the server uses.

const PG_URL = process.env.BERTH_TEST_PG_URL;

function requirePgUrl(): string {
  if (!PG_URL) {
    throw new Error(
      "BERTH_TEST_PG_URL is not set: start the test rig (scripts/rig/up.sh) and `source /tmp/berth-rig/env` first",
    );
  }
  return PG_URL;
}

/** Empties the test database so every run starts from nothing (the rig's database is for tests only). */
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

interface Target {
  name: "sqlite" | "pg";
  /** Opens the database the way the server does: migrations run on every open. */
  open(): Promise<DbHandle>;
  /** Rows in the migrations journal. */
  migrationsApplied(h: DbHandle): Promise<number>;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

let dataDir = "";
const sqliteTarget: Target = {
  name: "sqlite",
  async setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-storage-"));
  },
  async tearDown() {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  },
  open: () => openDb({ dataDir }),
  async migrationsApplied(h) {
    const rows = await h.db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`);
    return Number(rows[0]?.n);
  },
};

const pgTarget: Target = {
  name: "pg",
  async setUp() {
    await resetPg(requirePgUrl());
  },
  async tearDown() {
    if (PG_URL) await resetPg(PG_URL);
  },
  open: () => openDb({ databaseUrl: requirePgUrl(), dataDir: "/nonexistent-berth-data-dir" }),
  async migrationsApplied(h) {
    const res = (await (h.db as unknown as { execute(q: unknown): Promise<{ rows: { n: string }[] }> }).execute(
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    )) as { rows: { n: string }[] };
    return Number(res.rows[0]?.n);
  },
};

function migrationCount(dialect: "sqlite" | "pg"): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, "migrations", dialect, "meta", "_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

let seq = 0;
const uid = (p: string) => `${p}-${++seq}`;
const NOW = 1_790_000_000_123; // beyond 2^31 seconds and 2^32: needs 64-bit integers in both dialects

async function addUser(h: DbHandle, over: Partial<DbHandle["t"]["users"]["$inferInsert"]> = {}) {
  const id = over.id ?? uid("u");
  await insertUser(h, { id, username: over.username ?? id, passwordHash: "$argon2id$fake", createdAt: NOW, ...over });
  return id;
}

// Without BERTH_TEST_PG_URL the Postgres half fails here, loudly, instead of being skipped.
if (!PG_URL) {
  it("runs against Postgres too", () => {
    requirePgUrl();
  });
}

describe.each(PG_URL ? [sqliteTarget, pgTarget] : [sqliteTarget])("storage on $name", (target) => {
  let h: DbHandle;

  beforeAll(async () => {
    await target.setUp();
    h = await target.open();
  });

  afterAll(async () => {
    await h?.close();
    await target.tearDown();
  });

  describe("migrations", () => {
    it("opens the dialect asked for", () => {
      expect(h.dialect).toBe(target.name);
    });

    it("applies every migration once", async () => {
      expect(await target.migrationsApplied(h)).toBe(migrationCount(target.name));
    });

    it("are idempotent: opening again applies nothing and keeps the data", async () => {
      const id = await addUser(h, { username: uid("survivor") });
      const again = await target.open();
      try {
        expect(await target.migrationsApplied(again)).toBe(migrationCount(target.name));
        expect((await findUserById(again, id))?.id).toBe(id);
      } finally {
        await again.close();
      }
      const third = await target.open();
      await third.close();
      expect(await target.migrationsApplied(h)).toBe(migrationCount(target.name));
    });

    it("create every table the schema names", async () => {
      for (const table of Object.values(h.t)) {
        await expect(
          h.db
            .select()
            .from(table as typeof h.t.meta)
            .limit(1),
        ).resolves.toBeInstanceOf(Array);
      }
    });
  });

  describe("users", () => {
    it("inserts and finds a user by name and by id, with types intact", async () => {
      const id = await addUser(h, { username: "grace", isAdmin: true });
      const byName = await findUserByName(h, "grace");
      expect(byName).toMatchObject({
        id,
        username: "grace",
        passwordHash: "$argon2id$fake",
        isAdmin: true,
        disabled: false,
        sessionVersion: 1,
        createdAt: NOW,
      });
      expect(await findUserById(h, id)).toEqual(byName);
      expect(typeof byName?.isAdmin).toBe("boolean");
      expect(typeof byName?.createdAt).toBe("number");
    });

    it("returns undefined for unknown users and matches names exactly", async () => {
      await addUser(h, { username: "Exact.Name" });
      expect(await findUserByName(h, "nobody")).toBeUndefined();
      expect(await findUserById(h, "nobody")).toBeUndefined();
      expect(await findUserByName(h, "exact.name")).toBeUndefined();
      expect(await findUserByName(h, "Exact%")).toBeUndefined();
      expect(await findUserByName(h, "' OR '1'='1")).toBeUndefined();
    });

    it("refuses a duplicate username", async () => {
      await addUser(h, { username: "dup" });
      await expect(addUser(h, { username: "dup" })).rejects.toThrow();
    });

    it("stores hostile text verbatim", async () => {
      const name = `o'brien"; DROP TABLE users; --`;
      const id = await addUser(h, { username: name });
      expect((await findUserById(h, id))?.username).toBe(name);
    });
  });

  describe("countAdmins", () => {
    it("counts enabled and disabled admins only", async () => {
      const before = await countAdmins(h);
      await addUser(h, { isAdmin: false });
      expect(await countAdmins(h)).toBe(before);
      await addUser(h, { isAdmin: true });
      await addUser(h, { isAdmin: true, disabled: true });
      expect(await countAdmins(h)).toBe(before + 2);
    });

    it("is zero on an empty users table", async () => {
      await h.db.delete(h.t.users);
      expect(await countAdmins(h)).toBe(0);
    });
  });

  describe("claimOnce and meta", () => {
    it("is true for the first claim and false afterwards, keeping the first value", async () => {
      expect(await claimOnce(h, "setup.done", "first")).toBe(true);
      expect(await claimOnce(h, "setup.done", "second")).toBe(false);
      expect(await claimOnce(h, "setup.done", "first")).toBe(false);
      expect(await getMeta(h, "setup.done")).toBe("first");
    });

    it("gives exactly one winner among concurrent claims", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claimOnce(h, "race", `v${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await getMeta(h, "race")).toBe(`v${results.indexOf(true)}`);
    });

    it("returns undefined for a missing key", async () => {
      expect(await getMeta(h, "missing")).toBeUndefined();
    });
  });

  describe("audit log", () => {
    const row = (over: Partial<NewAudit>): NewAudit => ({
      at: NOW,
      actorId: "u1",
      actorName: "alice",
      action: "container.stop",
      endpointId: "ep-a",
      target: "web",
      outcome: "success",
      ...over,
    });

    beforeAll(async () => {
      await h.db.delete(h.t.auditLog);
      await insertAudit(h, row({ action: "container.start", endpointId: "ep-a", target: "one" }));
      await insertAudit(h, row({ action: "container.stop", endpointId: "ep-b", target: "two" }));
      await insertAudit(h, row({ action: "container.stop", endpointId: "ep-a", target: "three", outcome: "denied" }));
      await insertAudit(
        h,
        row({ action: "user.create", endpointId: null, target: null, actorId: null, actorName: "system", at: NOW + 1 }),
      );
    });

    it("lists newest first and round-trips every field", async () => {
      const rows = await listAudit(h);
      expect(rows.map((r) => r.target)).toEqual([null, "three", "two", "one"]);
      expect(rows[0]).toMatchObject({
        actorId: null,
        actorName: "system",
        at: NOW + 1,
        endpointId: null,
        detail: null,
      });
      expect(rows[1]).toMatchObject({ action: "container.stop", outcome: "denied", at: NOW, actorName: "alice" });
      const ids = rows.map((r) => r.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      expect(ids.every((id) => Number.isInteger(id))).toBe(true);
    });

    it("filters by endpoint, by action, and by both", async () => {
      expect((await listAudit(h, { endpointId: "ep-a" })).map((r) => r.target)).toEqual(["three", "one"]);
      expect((await listAudit(h, { action: "container.stop" })).map((r) => r.target)).toEqual(["three", "two"]);
      expect((await listAudit(h, { endpointId: "ep-a", action: "container.stop" })).map((r) => r.target)).toEqual([
        "three",
      ]);
      expect(await listAudit(h, { endpointId: "ep-zzz" })).toEqual([]);
    });

    it("limits results and caps the limit at 1000", async () => {
      expect((await listAudit(h, { limit: 2 })).map((r) => r.target)).toEqual([null, "three"]);
      const many = Array.from({ length: 1_005 }, (_, i) => row({ action: "bulk", target: `t${i}` }));
      await h.db.insert(h.t.auditLog).values(many);
      const capped = await listAudit(h, { action: "bulk", limit: 100_000 });
      expect(capped).toHaveLength(1_000);
      expect(capped[0]?.target).toBe("t1004");
      expect(await listAudit(h, { action: "bulk" })).toHaveLength(100);
    });
  });

  describe("endpoints", () => {
    it("inserts endpoints and lists them by name", async () => {
      await insertEndpoint(h, { id: "ep-z", name: "zulu", kind: "docker", url: "unix:///z.sock", createdAt: NOW });
      await insertEndpoint(h, {
        id: "ep-a2",
        name: "alpha",
        kind: "docker",
        url: "tcp://127.0.0.1:2375",
        secret: "sealed",
        createdAt: NOW,
      });
      const rows = await listEndpoints(h);
      expect(rows.map((r) => r.name)).toEqual(["alpha", "zulu"]);
      expect(rows[0]).toMatchObject({
        id: "ep-a2",
        name: "alpha",
        kind: "docker",
        url: "tcp://127.0.0.1:2375",
        secret: "sealed",
        createdAt: NOW,
      });
      expect(rows[1]?.secret).toBeNull();
    });
  });

  describe("grantsForUser", () => {
    let alice = "";
    let bob = "";
    let carol = "";

    beforeAll(async () => {
      const { db, t } = h;
      alice = await addUser(h);
      bob = await addUser(h);
      carol = await addUser(h);
      for (const id of ["g1", "g2", "g3"]) {
        await insertEndpoint(h, { id, name: `grant-${id}`, kind: "docker", url: "unix:///x.sock", createdAt: NOW });
      }
      await db.insert(t.teams).values([
        { id: "ops", name: "Ops", createdAt: NOW },
        { id: "devs", name: "Devs", createdAt: NOW },
        { id: "empty", name: "Empty", createdAt: NOW },
      ]);
      await db.insert(t.teamMembers).values([
        { teamId: "ops", userId: alice },
        { teamId: "devs", userId: alice },
        { teamId: "devs", userId: bob },
      ]);
      await db.insert(t.grants).values([
        { teamId: "ops", endpointId: "g1", role: "operator" },
        { teamId: "devs", endpointId: "g1", role: "viewer" },
        { teamId: "devs", endpointId: "g2", role: "viewer" },
        { teamId: "empty", endpointId: "g3", role: "operator" },
      ]);
    });

    const sorted = (rows: { endpointId: string; role: string }[]) =>
      rows.map((r) => `${r.endpointId}:${r.role}`).sort();

    it("returns the grants of every team the user is in", async () => {
      expect(sorted(await grantsForUser(h, alice))).toEqual(["g1:operator", "g1:viewer", "g2:viewer"]);
      expect(sorted(await grantsForUser(h, bob))).toEqual(["g1:viewer", "g2:viewer"]);
    });

    it("returns nothing for a user in no team, or an unknown user", async () => {
      expect(await grantsForUser(h, carol)).toEqual([]);
      expect(await grantsForUser(h, "no-such-user")).toEqual([]);
    });

    it("refuses a membership of an unknown user (foreign keys are enforced)", async () => {
      await expect(h.db.insert(h.t.teamMembers).values({ teamId: "ops", userId: "ghost" })).rejects.toThrow();
    });

    it("drops grants when the team, the membership or the endpoint goes away (cascade)", async () => {
      const { db, t } = h;
      await db.delete(t.teams).where(eq(t.teams.id, "ops"));
      expect(sorted(await grantsForUser(h, alice))).toEqual(["g1:viewer", "g2:viewer"]);
      await db.delete(t.endpoints).where(eq(t.endpoints.id, "g2"));
      expect(sorted(await grantsForUser(h, alice))).toEqual(["g1:viewer"]);
      await db.delete(t.users).where(eq(t.users.id, bob));
      expect(await grantsForUser(h, bob)).toEqual([]);
      const members = await db.select().from(t.teamMembers).where(eq(t.teamMembers.userId, bob));
      expect(members).toEqual([]);
    });
  });
});

if (PG_URL) {
  describe("postgres start-up with several replicas", () => {
    beforeAll(async () => {
      await resetPg(requirePgUrl());
    });
    afterAll(async () => {
      if (PG_URL) await resetPg(PG_URL);
    });

    it("migrates an empty database when several servers open it at once", async () => {
      const handles = await Promise.allSettled(Array.from({ length: 3 }, () => pgTarget.open()));
      try {
        const errors = handles.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
        expect(errors).toEqual([]);
        const first = handles.find((r) => r.status === "fulfilled")?.value;
        expect(first && (await pgTarget.migrationsApplied(first))).toBe(migrationCount("pg"));
      } finally {
        for (const r of handles) if (r.status === "fulfilled") await r.value.close();
      }
    });
  });
}
