import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllTables } from "@/db/backup-queries";
import { type DbHandle, openDb } from "@/db/client";
import { SecretBox } from "@/server/crypto/secret-box";
import { resetPg } from "@/test-support/auth-harness";
import { assertRestorable, createBackup, restoreBackup } from "./backup";
import { openBackup, sealBackup } from "./backup-format";

// Backup and restore against real databases: SQLite files and the rig's Postgres. What goes in must come out, from
// one dialect to the other and back; what is refused must leave the target as it was.

const PG_URL = process.env.BERTH_TEST_PG_URL ?? "";
const PASS = "correct horse battery staple";
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const sourceKey = crypto.randomBytes(32);
let sqlite: DbHandle;

async function seed(h: DbHandle, key: Buffer): Promise<void> {
  const box = new SecretBox(key);
  const { db, t } = h;
  const now = Date.now();
  await db.insert(t.users).values([
    {
      id: "u1",
      username: "alice",
      passwordHash: "h1",
      isAdmin: true,
      createdAt: now,
      totpSecret: box.seal("TOTPSEED"),
    },
    { id: "u2", username: "bob", passwordHash: "h2", disabled: true, createdAt: now },
  ]);
  await db.insert(t.teams).values({ id: "t1", name: "ops", createdAt: now });
  await db.insert(t.teamMembers).values({ teamId: "t1", userId: "u2" });
  await db.insert(t.endpoints).values({
    id: "e1",
    name: "far",
    kind: "docker",
    url: "tcp://10.0.0.1:2376",
    secret: box.seal('{"ca":"PEM"}'),
    createdAt: now,
  });
  await db.insert(t.grants).values({ teamId: "t1", endpointId: "e1", role: "viewer" });
  for (let i = 0; i < 30; i++)
    await db
      .insert(t.auditLog)
      .values({ at: now + i, actorName: "alice", action: `a.${i}`, outcome: "success" } as never);
  await db.insert(t.meta).values([
    { key: "admin_initialized", value: "yes" },
    { key: "secret_key_fingerprint", value: "belongs-to-this-database" },
  ]);
}

/** Table contents without the serial ids (compared across dialects by content). */
async function contents(h: DbHandle) {
  const all = await readAllTables(h);
  return Object.fromEntries(
    Object.entries(all).map(([name, rows]) => [
      name,
      rows
        .map((r) => {
          const { totpSecret, secret, ...rest } = r as Record<string, unknown>;
          const sorted = Object.fromEntries(Object.entries(rest).sort(([x], [y]) => x.localeCompare(y)));
          return JSON.stringify({ ...sorted, sealed: Boolean(totpSecret ?? secret) });
        })
        .sort(),
    ]),
  );
}

beforeAll(async () => {
  if (!PG_URL) throw new Error("BERTH_TEST_PG_URL is not set: start the test rig and source its env");
  sqlite = await openDb({ dataDir: tmp("berth-bak-src-") });
  await seed(sqlite, sourceKey);
});

afterAll(async () => {
  await sqlite?.close();
});

describe("backup and restore", () => {
  it("SQLite → Postgres → SQLite keeps every row, and credentials open with each target's own key", async () => {
    const file = await createBackup(sqlite, sourceKey, PASS);
    expect(file.includes(Buffer.from("alice"))).toBe(false);
    await resetPg(PG_URL);
    const pg = await openDb({ databaseUrl: PG_URL, dataDir: tmp("berth-bak-pg-") });
    const pgKey = crypto.randomBytes(32);
    try {
      const summary = await restoreBackup(pg, openBackup(file, PASS), pgKey);
      expect(summary.resealed).toBe(2);
      expect(await contents(pg)).toEqual(await contents(sqlite));
      const ep = (await pg.db.select().from(pg.t.endpoints))[0]!;
      expect(new SecretBox(pgKey).open(ep.secret!)).toBe('{"ca":"PEM"}');
      // New audit rows get fresh ids after the restored ones (the serial sequence moved past them).
      await pg.db
        .insert(pg.t.auditLog)
        .values({ at: Date.now(), actorName: "x", action: "after", outcome: "success" } as never);
      // The fingerprint row is the source database's own: not carried over.
      const meta = await pg.db.select().from(pg.t.meta);
      expect(meta.map((m) => m.key)).not.toContain("secret_key_fingerprint");

      const back = await createBackup(pg, pgKey, PASS);
      const again = await openDb({ dataDir: tmp("berth-bak-back-") });
      const backKey = crypto.randomBytes(32);
      try {
        await restoreBackup(again, openBackup(back, PASS), backKey);
        const a = await contents(again);
        const b = await contents(pg);
        expect(a).toEqual(b);
        const user = (await again.db.select().from(again.t.users)).find((u) => u.username === "alice")!;
        expect(new SecretBox(backKey).open(user.totpSecret!)).toBe("TOTPSEED");
        expect(user.isAdmin).toBe(true);
      } finally {
        await again.close();
      }
    } finally {
      await pg.close();
    }
  });

  it("a wrong passphrase, a changed byte, a cut file and a newer schema are refused; a non-empty target is left alone", async () => {
    const file = await createBackup(sqlite, sourceKey, PASS);
    expect(() => openBackup(file, "not the passphrase")).toThrow(/Wrong passphrase, or the backup file is damaged/);
    const flipped = Buffer.from(file);
    flipped[flipped.length - 40]! ^= 1;
    expect(() => openBackup(flipped, PASS)).toThrow(/damaged/);
    const header = Buffer.from(file);
    header[20]! ^= 1;
    expect(() => openBackup(header, PASS)).toThrow(/damaged|not a Berth backup/);
    expect(() => openBackup(file.subarray(0, file.length / 2), PASS)).toThrow(/damaged/);
    expect(() => openBackup(Buffer.from("hello"), PASS)).toThrow(/not a Berth backup/);

    const payload = openBackup(file, PASS);
    const newer = openBackup(sealBackup({ ...payload, schema: payload.schema + 1 }, PASS), PASS);
    expect(() => assertRestorable(newer)).toThrow(/newer Berth/);

    // Restoring over a database that holds data, without --replace: refused, nothing changed.
    const before = await contents(sqlite);
    await expect(restoreBackup(sqlite, payload, sourceKey)).rejects.toThrow(/already holds users or endpoints/);
    expect(await contents(sqlite)).toEqual(before);
  });

  it("a backup taken under live writes is one moment: every pair written together is in it whole or not at all", async () => {
    await resetPg(PG_URL);
    const pg = await openDb({ databaseUrl: PG_URL, dataDir: tmp("berth-bak-live-") });
    const writer = await openDb({ databaseUrl: PG_URL, dataDir: tmp("berth-bak-w-") });
    try {
      let stop = false;
      let written = 0;
      const writes = (async () => {
        for (let i = 0; !stop && i < 5_000; i++) {
          // A team and its audit row in one transaction.
          await (
            writer.db as unknown as { transaction: (f: (tx: typeof writer.db) => Promise<void>) => Promise<void> }
          ).transaction(async (tx) => {
            await tx.insert(writer.t.teams).values({ id: `live-${i}`, name: `live-${i}`, createdAt: Date.now() });
            await tx.insert(writer.t.auditLog).values({
              at: Date.now(),
              actorName: "w",
              action: "team.create",
              target: `live-${i}`,
              outcome: "success",
            } as never);
          });
          written = i + 1;
        }
      })();
      while (written < 20) await new Promise((r) => setTimeout(r, 10));
      const backups: Buffer[] = [];
      for (let k = 0; k < 5; k++) backups.push(await createBackup(pg, sourceKey, PASS));
      stop = true;
      await writes;
      for (const b of backups) {
        const { tables } = openBackup(b, PASS);
        const teams = new Set(tables.teams!.map((t) => t.name));
        const audited = new Set(tables.audit_log!.map((a) => a.target));
        expect(teams.size).toBeGreaterThan(0);
        expect([...teams].filter((n) => !audited.has(n))).toEqual([]);
        expect([...audited].filter((n) => !teams.has(n as string))).toEqual([]);
      }
    } finally {
      await writer.close();
      await pg.close();
    }
  });

  it("the CLI backs up and restores offline, and refuses a wrong passphrase without touching the target", () => {
    const dir = tmp("berth-bak-cli-");
    const src = path.join(dir, "src");
    fs.mkdirSync(src);
    // A source install made through the CLI's own configuration (BERTH_DATA_DIR), seeded through a restore.
    const seedFile = path.join(dir, "seed.berthbak");
    return (async () => {
      fs.writeFileSync(seedFile, await createBackup(sqlite, sourceKey, PASS));
      const cli = (args: string[], env: Record<string, string>) =>
        execFileSync(process.execPath, ["scripts/berth.mjs", ...args], {
          env: { ...process.env, BERTH_BACKUP_PASSPHRASE: PASS, DATABASE_URL: "", BERTH_SECRET_KEY: "", ...env },
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
      expect(cli(["restore", seedFile], { BERTH_DATA_DIR: src })).toContain("Restored");
      const out = path.join(dir, "out.berthbak");
      expect(cli(["backup", out], { BERTH_DATA_DIR: src })).toContain("Backup of the sqlite database");
      const target = path.join(dir, "target");
      let failed = "";
      try {
        cli(["restore", out], { BERTH_DATA_DIR: target, BERTH_BACKUP_PASSPHRASE: "wrong passphrase!!" });
      } catch (err) {
        failed = String((err as { stderr?: string }).stderr);
      }
      expect(failed).toContain("Wrong passphrase");
      // Nothing was created: the target folder does not even exist.
      expect(fs.existsSync(path.join(target, "berth.db"))).toBe(false);
      expect(cli(["restore", out], { BERTH_DATA_DIR: target })).toContain("Restored");
      const restored = await openDb({ dataDir: target });
      try {
        expect((await restored.db.select().from(restored.t.users)).map((u) => u.username).sort()).toEqual([
          "alice",
          "bob",
        ]);
      } finally {
        await restored.close();
      }
    })();
  }, 120_000);
});
