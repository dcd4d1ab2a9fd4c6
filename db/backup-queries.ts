import fs from "node:fs";
import path from "node:path";
import { getTableName, is, sql, Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import type { DbHandle } from "./client";

// Whole-database reads and writes for backup and restore, for either dialect, through the drizzle schemas (so a
// SQLite backup restores into Postgres and back: booleans, bigints and serials are each dialect's own business).

/** Tables that hold only what a running deployment does right now: not backed up, not restored. */
const TRANSIENT = new Set(["leases", "rate_windows"]);
/** Meta rows that belong to the database they are in, not to what it holds. */
const LOCAL_META = /^(secret_key_fingerprint|auth_secret_fingerprint|setup_token:.*)$/;

type Row = Record<string, unknown>;
// The handle is typed as SQLite for query building (see client.ts); the two dialects' transaction APIs differ.
type AnyDb = {
  transaction: (fn: (tx: AnyDb) => unknown, config?: unknown) => unknown;
  select: () => { from: (t: Table) => PromiseLike<Row[]> & { all: () => Row[] } };
  delete: (t: Table) => PromiseLike<unknown> & { run: () => unknown };
  insert: (t: Table) => { values: (rows: Row[]) => PromiseLike<unknown> & { run: () => unknown } };
  execute: (q: unknown) => PromiseLike<unknown>;
};

/** The schema level of this build: how many migrations it has (the same for both dialects: the parity test). */
export function schemaLevel(dialect: "sqlite" | "pg"): number {
  const journal = path.join(process.cwd(), "db", "migrations", dialect, "meta", "_journal.json");
  return (JSON.parse(fs.readFileSync(journal, "utf8")) as { entries: unknown[] }).entries.length;
}

/** The backed-up tables, parents before children (foreign keys), by their SQL names. */
export function backupTables(h: DbHandle): { name: string; table: Table }[] {
  const tables = (Object.values(h.t) as unknown[]).filter((t): t is Table => is(t, Table));
  const parentsOf = (t: Table): string[] => {
    const fks = h.dialect === "pg" ? pgTableConfig(t as never).foreignKeys : sqliteTableConfig(t as never).foreignKeys;
    return fks.map((fk) => getTableName(fk.reference().foreignTable as Table));
  };
  const byName = new Map<string, Table>(tables.map((t) => [getTableName(t), t]));
  const out: { name: string; table: Table }[] = [];
  const done = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name)) return;
    done.add(name);
    const t = byName.get(name);
    if (!t) return;
    for (const p of parentsOf(t)) if (p !== name) visit(p);
    if (!TRANSIENT.has(name)) out.push({ name, table: t });
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return out;
}

/**
 * Every backed-up table read in one transaction that sees one moment (Postgres: REPEATABLE READ, read only;
 * SQLite: one read transaction), so writes landing meanwhile are either wholly in the backup or wholly not.
 */
export async function readAllTables(h: DbHandle): Promise<Record<string, Row[]>> {
  const tables = backupTables(h);
  const db = h.db as unknown as AnyDb;
  const clean = (name: string, rows: Row[]) =>
    name === "meta" ? rows.filter((r) => !LOCAL_META.test(String(r.key))) : rows;
  if (h.dialect === "sqlite") {
    return db.transaction((tx) =>
      Object.fromEntries(tables.map(({ name, table }) => [name, clean(name, tx.select().from(table).all())])),
    ) as Record<string, Row[]>;
  }
  return (await db.transaction(
    async (tx) => {
      const out: Record<string, Row[]> = {};
      for (const { name, table } of tables) out[name] = clean(name, await tx.select().from(table));
      return out;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  )) as Record<string, Row[]>;
}

/** True when the database holds no user and no endpoint (a fresh one, only migrated). */
export async function databaseEmpty(h: DbHandle): Promise<boolean> {
  const { db, t } = h;
  const users = await db.select({ n: sql<number>`count(*)` }).from(t.users);
  const endpoints = await db.select({ n: sql<number>`count(*)` }).from(t.endpoints);
  return Number(users[0]?.n) === 0 && Number(endpoints[0]?.n) === 0;
}

const CHUNK = 200;

/** Replaces every backed-up table's rows with `tables`' in one transaction: all of it lands, or none. */
export async function replaceAllTables(h: DbHandle, data: Record<string, Row[]>): Promise<void> {
  const tables = backupTables(h);
  const db = h.db as unknown as AnyDb;
  const rowsOf = (name: string) => (data[name] ?? []).filter((r) => name !== "meta" || !LOCAL_META.test(String(r.key)));
  if (h.dialect === "sqlite") {
    db.transaction((tx) => {
      for (const { table } of [...tables].reverse()) tx.delete(table).run();
      for (const { name, table } of tables) {
        const rows = rowsOf(name);
        for (let i = 0; i < rows.length; i += CHUNK)
          tx.insert(table)
            .values(rows.slice(i, i + CHUNK))
            .run();
      }
    });
    return;
  }
  await db.transaction(async (tx) => {
    for (const { table } of [...tables].reverse()) await tx.delete(table);
    for (const { name, table } of tables) {
      const rows = rowsOf(name);
      for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK));
      // Serial ids were inserted as they were: move the sequence past them so new rows do not collide.
      for (const col of Object.values(pgTableConfig(table as never).columns)) {
        if (col.columnType !== "PgSerial") continue;
        await tx.execute(
          sql`SELECT setval(pg_get_serial_sequence(${name}, ${col.name}), COALESCE((SELECT MAX(${sql.identifier(col.name)}) FROM ${sql.identifier(name)}), 0) + 1, false)`,
        );
      }
    }
  });
}
