import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

/**
 * Queries are written once against the SQLite-typed handle and awaited, which both drivers support; the Postgres
 * handle is given the same static type. The parity test keeps the two schemas' tables and columns identical.
 */
export type Db = BetterSQLite3Database<typeof sqliteSchema>;
export type Tables = typeof sqliteSchema;

export interface DbHandle {
  db: Db;
  t: Tables;
  dialect: "sqlite" | "pg";
  /** One round trip to the database (readiness probes); rejects when it does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://... selects Postgres; otherwise SQLite at `<dataDir>/berth.db`. */
  databaseUrl?: string;
  dataDir: string;
}

const migrationsDir = (dialect: string) => path.join(process.cwd(), "db", "migrations", dialect);

/** Any fixed 64-bit key: every Berth replica must use the same one. */
const MIGRATION_LOCK_KEY = 0x6265727468; // "berth"

/**
 * Replicas starting together would race to create the same tables (CREATE ... IF NOT EXISTS is not race-safe in
 * Postgres, and drizzle's migrator takes no lock): one migrates while the others wait, then find nothing to do.
 */
async function migratePgLocked(pool: pg.Pool, migrate: () => Promise<void>): Promise<void> {
  const lock = await pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate();
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    lock.release();
  }
}

export async function openDb(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    // A database that does not answer must fail requests in seconds (a 503 with a retry message), not hold them.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
      query_timeout: 30_000,
    });
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema: pgSchema });
    try {
      await migratePgLocked(pool, () => migratePg(db, { migrationsFolder: migrationsDir("pg") }));
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return {
      db: db as unknown as Db,
      t: pgSchema as unknown as Tables,
      dialect: "pg",
      ping: async () => {
        await pool.query("SELECT 1");
      },
      close: () => pool.end(),
    };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const sqlite = new Database(path.join(opts.dataDir, "berth.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzleSqlite(sqlite, { schema: sqliteSchema });
  migrateSqlite(db, { migrationsFolder: migrationsDir("sqlite") });
  return {
    db,
    t: sqliteSchema,
    dialect: "sqlite",
    ping: async () => {
      sqlite.prepare("SELECT 1").get();
    },
    close: async () => {
      sqlite.close();
    },
  };
}
