import fs from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import {
  PgTable,
  bigint as pgBigint,
  boolean as pgBoolean,
  integer as pgInteger,
  serial as pgSerial,
  pgTable,
  getTableConfig as pgTableConfig,
  text as pgText,
} from "drizzle-orm/pg-core";
import {
  SQLiteTable,
  integer as sqliteInteger,
  sqliteTable,
  getTableConfig as sqliteTableConfig,
  text as sqliteText,
} from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

// The two dialect schemas must describe the same database: queries are written once against the SQLite types.

type Kind = "text" | "integer" | "boolean";

/** Column types each dialect may use, mapped to the kind both sides must agree on. */
const KINDS: Record<string, { kind: Kind; autoIncrement?: boolean }> = {
  SQLiteText: { kind: "text" },
  SQLiteInteger: { kind: "integer" },
  SQLiteBoolean: { kind: "boolean" }, // integer({ mode: "boolean" })
  PgText: { kind: "text" },
  PgInteger: { kind: "integer" },
  PgBigInt53: { kind: "integer" }, // bigint({ mode: "number" })
  PgSerial: { kind: "integer", autoIncrement: true },
  PgBoolean: { kind: "boolean" },
};

interface ColumnShape {
  kind: Kind | `unmapped ${string}`;
  notNull: boolean;
  autoIncrement: boolean;
  default: string | null;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
}

type AnyColumn = {
  name: string;
  columnType: string;
  notNull: boolean;
  primary: boolean;
  isUnique: boolean;
  hasDefault: boolean;
  default: unknown;
  autoIncrement?: boolean;
};

type AnyConfig = {
  name: string;
  columns: AnyColumn[];
  primaryKeys: { columns: { name: string }[] }[];
  uniqueConstraints: { columns: { name: string }[] }[];
  indexes: { config: { name: string } }[];
  foreignKeys: {
    reference(): { columns: { name: string }[]; foreignTable: unknown; foreignColumns: { name: string }[] };
    onDelete?: string;
  }[];
};

function shapeOf(cfg: AnyConfig, tableName: (t: unknown) => string): TableShape {
  const columns: Record<string, ColumnShape> = {};
  for (const c of cfg.columns) {
    const k = KINDS[c.columnType];
    columns[c.name] = {
      kind: k?.kind ?? `unmapped ${c.columnType}`,
      notNull: c.notNull,
      autoIncrement: Boolean(k?.autoIncrement || c.autoIncrement),
      // SQL defaults (sql`...`) are dialect text and not compared; plain values must match.
      default: c.hasDefault && (c.default === null || typeof c.default !== "object") ? JSON.stringify(c.default) : null,
    };
  }
  const primaryKey = [
    ...cfg.columns.filter((c) => c.primary).map((c) => c.name),
    ...cfg.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
  ].sort();
  const unique = [
    ...cfg.columns.filter((c) => c.isUnique).map((c) => c.name),
    ...cfg.uniqueConstraints.map((u) =>
      u.columns
        .map((c) => c.name)
        .sort()
        .join("+"),
    ),
  ].sort();
  const foreignKeys = cfg.foreignKeys
    .map((fk) => {
      const r = fk.reference();
      const cols = r.columns.map((c) => c.name).join("+");
      const to = `${tableName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name).join("+")})`;
      return `${cols} -> ${to} on delete ${fk.onDelete ?? "no action"}`;
    })
    .sort();
  return { columns, primaryKey, unique, indexes: cfg.indexes.map((i) => i.config.name).sort(), foreignKeys };
}

function sqliteShapes(schema: Record<string, unknown>): Map<string, TableShape> {
  const out = new Map<string, TableShape>();
  for (const v of Object.values(schema)) {
    if (!is(v, SQLiteTable)) continue;
    const cfg = sqliteTableConfig(v) as unknown as AnyConfig;
    out.set(
      cfg.name,
      shapeOf(cfg, (t) => sqliteTableConfig(t as SQLiteTable).name),
    );
  }
  return out;
}

function pgShapes(schema: Record<string, unknown>): Map<string, TableShape> {
  const out = new Map<string, TableShape>();
  for (const v of Object.values(schema)) {
    if (!is(v, PgTable)) continue;
    const cfg = pgTableConfig(v) as unknown as AnyConfig;
    out.set(
      cfg.name,
      shapeOf(cfg, (t) => pgTableConfig(t as PgTable).name),
    );
  }
  return out;
}

/** Every difference between the two schemas, in words; empty when they agree. */
function compareSchemas(sqlite: Record<string, unknown>, pg: Record<string, unknown>): string[] {
  const s = sqliteShapes(sqlite);
  const p = pgShapes(pg);
  const problems: string[] = [];
  for (const name of s.keys()) if (!p.has(name)) problems.push(`table ${name} is only in sqlite`);
  for (const name of p.keys()) if (!s.has(name)) problems.push(`table ${name} is only in pg`);
  for (const [name, st] of s) {
    const pt = p.get(name);
    if (!pt) continue;
    for (const col of Object.keys(st.columns))
      if (!pt.columns[col]) problems.push(`column ${name}.${col} is only in sqlite`);
    for (const col of Object.keys(pt.columns))
      if (!st.columns[col]) problems.push(`column ${name}.${col} is only in pg`);
    for (const [col, sc] of Object.entries(st.columns)) {
      const pc = pt.columns[col];
      if (!pc) continue;
      for (const key of ["kind", "notNull", "autoIncrement", "default"] as const) {
        if (sc[key] !== pc[key])
          problems.push(`column ${name}.${col}: ${key} is ${sc[key]} in sqlite, ${pc[key]} in pg`);
      }
      for (const [dialect, c] of [["sqlite", sc] as const, ["pg", pc] as const]) {
        if (c.kind.startsWith("unmapped"))
          problems.push(`column ${name}.${col}: ${c.kind} in ${dialect}; map it in KINDS`);
      }
    }
    for (const key of ["primaryKey", "unique", "indexes", "foreignKeys"] as const) {
      const a = JSON.stringify(st[key]);
      const b = JSON.stringify(pt[key]);
      if (a !== b) problems.push(`table ${name}: ${key} is ${a} in sqlite, ${b} in pg`);
    }
  }
  return problems;
}

describe("schema parity: db/schema/sqlite.ts vs db/schema/pg.ts", () => {
  it("finds tables to compare in both files", () => {
    const core = ["audit_log", "endpoints", "grants", "meta", "team_members", "teams", "users"];
    expect([...sqliteShapes(sqliteSchema).keys()]).toEqual(expect.arrayContaining(core));
    expect([...pgShapes(pgSchema).keys()]).toEqual(expect.arrayContaining(core));
  });

  it("has the same tables, columns, kinds, nullability, keys, unique columns, indexes and foreign keys", () => {
    expect(compareSchemas(sqliteSchema, pgSchema)).toEqual([]);
  });

  it("keeps the same export names, so `t.<table>` means the same table in both dialects", () => {
    const exportsOf = (schema: Record<string, unknown>, Table: typeof SQLiteTable | typeof PgTable) =>
      Object.entries(schema)
        .filter(([, v]) => is(v, Table))
        .map(
          ([k, v]) =>
            `${k}=${(Table === SQLiteTable ? sqliteTableConfig(v as SQLiteTable) : pgTableConfig(v as PgTable)).name}`,
        )
        .sort();
    expect(exportsOf(sqliteSchema, SQLiteTable)).toEqual(exportsOf(pgSchema, PgTable));
  });
});

describe("the parity check itself", () => {
  const base = {
    s: sqliteTable("things", { id: sqliteText("id").primaryKey(), n: sqliteInteger("n").notNull() }),
    p: pgTable("things", { id: pgText("id").primaryKey(), n: pgInteger("n").notNull() }),
  };

  it("accepts the mapped kind pairs", () => {
    const s = sqliteTable("k", {
      id: sqliteInteger("id").primaryKey({ autoIncrement: true }),
      flag: sqliteInteger("flag", { mode: "boolean" }).notNull().default(false),
      big: sqliteInteger("big").notNull(),
      name: sqliteText("name").notNull().unique(),
    });
    const p = pgTable("k", {
      id: pgSerial("id").primaryKey(),
      flag: pgBoolean("flag").notNull().default(false),
      big: pgBigint("big", { mode: "number" }).notNull(),
      name: pgText("name").notNull().unique(),
    });
    expect(compareSchemas({ s }, { p })).toEqual([]);
  });

  it("fails when a column is added to one dialect only", () => {
    const s = sqliteTable("things", {
      id: sqliteText("id").primaryKey(),
      n: sqliteInteger("n").notNull(),
      extra: sqliteText("extra"),
    });
    expect(compareSchemas({ s }, { p: base.p })).toEqual(["column things.extra is only in sqlite"]);
    const p = pgTable("things", { id: pgText("id").primaryKey(), n: pgInteger("n").notNull(), extra: pgText("extra") });
    expect(compareSchemas({ s: base.s }, { p })).toEqual(["column things.extra is only in pg"]);
  });

  it("fails when a table is added to one dialect only", () => {
    const extra = pgTable("extra", { id: pgText("id").primaryKey() });
    expect(compareSchemas(sqliteSchema, { ...pgSchema, extra })).toEqual(["table extra is only in pg"]);
  });

  it("fails on kind, nullability, primary key, unique and default drift", () => {
    const s = sqliteTable("things", {
      id: sqliteText("id").notNull(),
      n: sqliteText("n").unique(),
      f: sqliteInteger("f", { mode: "boolean" }).notNull().default(true),
    });
    const p = pgTable("things", {
      id: pgText("id").primaryKey(),
      n: pgInteger("n").notNull(),
      f: pgBoolean("f").notNull().default(false),
    });
    const problems = compareSchemas({ s }, { p });
    expect(problems).toEqual(
      expect.arrayContaining([
        "column things.n: kind is text in sqlite, integer in pg",
        "column things.n: notNull is false in sqlite, true in pg",
        "column things.f: default is true in sqlite, false in pg",
        'table things: primaryKey is [] in sqlite, ["id"] in pg',
        'table things: unique is ["n"] in sqlite, [] in pg',
      ]),
    );
  });

  it("fails on an unmapped column type rather than guessing", () => {
    const s = sqliteTable("things", { id: sqliteText("id").primaryKey(), n: sqliteInteger("n").notNull() });
    const p = pgTable("things", { id: pgText("id").primaryKey(), n: pgBigint("n", { mode: "bigint" }).notNull() });
    expect(compareSchemas({ s }, { p }).some((m) => m.includes("unmapped PgBigInt64"))).toBe(true);
  });
});

// A schema change without `npm run db:generate` would pass the parity test and break at start-up.
describe("migrations match the schemas", () => {
  interface SnapshotColumn {
    name: string;
    notNull: boolean;
    primaryKey: boolean;
  }
  interface Snapshot {
    tables: Record<string, { name: string; columns: Record<string, SnapshotColumn> }>;
  }

  function latestSnapshot(dialect: "sqlite" | "pg"): Snapshot {
    const dir = path.join(import.meta.dirname, "migrations", dialect, "meta");
    const journal = JSON.parse(fs.readFileSync(path.join(dir, "_journal.json"), "utf8")) as {
      entries: { idx: number }[];
    };
    const last = journal.entries.at(-1);
    if (!last) throw new Error(`no migrations in db/migrations/${dialect}`);
    const file = `${String(last.idx).padStart(4, "0")}_snapshot.json`;
    return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Snapshot;
  }

  function fromSnapshot(s: Snapshot): Record<string, Record<string, { notNull: boolean }>> {
    const out: Record<string, Record<string, { notNull: boolean }>> = {};
    for (const t of Object.values(s.tables)) {
      out[t.name] = {};
      for (const c of Object.values(t.columns)) out[t.name]![c.name] = { notNull: c.notNull };
    }
    return out;
  }

  function fromShapes(shapes: Map<string, TableShape>): Record<string, Record<string, { notNull: boolean }>> {
    const out: Record<string, Record<string, { notNull: boolean }>> = {};
    for (const [name, t] of shapes) {
      out[name] = {};
      for (const [col, c] of Object.entries(t.columns)) out[name]![col] = { notNull: c.notNull };
    }
    return out;
  }

  it("the latest sqlite snapshot has the tables and columns of db/schema/sqlite.ts", () => {
    expect(fromSnapshot(latestSnapshot("sqlite"))).toEqual(fromShapes(sqliteShapes(sqliteSchema)));
  });

  it("the latest pg snapshot has the tables and columns of db/schema/pg.ts", () => {
    expect(fromSnapshot(latestSnapshot("pg"))).toEqual(fromShapes(pgShapes(pgSchema)));
  });
});
