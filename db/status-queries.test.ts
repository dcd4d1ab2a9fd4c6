import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "./client";
import { deleteEndpointRow } from "./endpoint-queries";
import { insertEndpoint } from "./queries";
import {
  countStatusHistory,
  deleteStatusPageRow,
  extendStatusPeriods,
  findStatusPageById,
  findStatusPageBySlug,
  isUniqueViolation,
  listStatusPages,
  listStatusTargets,
  openStatusPeriod,
  pruneStatusHistory,
  saveStatusPageRow,
  statusHistorySince,
} from "./status-page-queries";

// Status pages and their history on both dialects, through the same openDb + queries the server uses.

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

const NOW = 1_790_000_000_123;
const item = (ref: string, displayName = ref, endpointId = "ep-a") => ({
  endpointId,
  kind: "container",
  ref,
  displayName,
});

describe.each(PG_URL ? ["sqlite", "pg"] : ["sqlite"])("status pages on %s", (dialect) => {
  let h: DbHandle;
  let dataDir = "";

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-status-db-"));
    if (dialect === "pg") await resetPg(PG_URL!);
    h = await openDb(dialect === "pg" ? { databaseUrl: PG_URL, dataDir } : { dataDir });
    for (const id of ["ep-a", "ep-b", "ep-gone"]) {
      await insertEndpoint(h, { id, name: id, kind: "docker", url: "unix:///x", createdAt: NOW });
    }
  });

  afterAll(async () => {
    await h?.close();
    if (dialect === "pg") await resetPg(PG_URL!);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes a page with ordered items and reads it by id and slug", async () => {
    const page = { id: "p1", slug: "acme", title: "Acme <status>", createdAt: NOW };
    await saveStatusPageRow(
      h,
      page,
      [item("web", "Website"), item("db", "Database"), item("jobs", "Jobs", "ep-b")],
      "insert",
    );
    const byId = await findStatusPageById(h, "p1");
    expect(byId).toMatchObject(page);
    expect(byId?.items.map((i) => [i.position, i.ref, i.displayName])).toEqual([
      [0, "web", "Website"],
      [1, "db", "Database"],
      [2, "jobs", "Jobs"],
    ]);
    expect((await findStatusPageBySlug(h, "acme"))?.id).toBe("p1");
    expect(await findStatusPageBySlug(h, "nope")).toBeUndefined();
  });

  it("replaces slug, title and items on update", async () => {
    await saveStatusPageRow(
      h,
      { id: "p1", slug: "acme-2", title: "Acme", createdAt: 0 },
      [item("db", "DB"), item("web")],
      "update",
    );
    const p = await findStatusPageById(h, "p1");
    expect(p).toMatchObject({ slug: "acme-2", title: "Acme", createdAt: NOW });
    expect(p?.items.map((i) => i.ref)).toEqual(["db", "web"]);
    expect(await findStatusPageBySlug(h, "acme")).toBeUndefined();
  });

  it("is all or nothing: a failing item leaves the page as it was", async () => {
    await expect(
      saveStatusPageRow(
        h,
        { id: "p1", slug: "acme-3", title: "Broken", createdAt: 0 },
        [item("web"), item("x", "x", "no-such-endpoint")],
        "update",
      ),
    ).rejects.toThrow();
    const p = await findStatusPageById(h, "p1");
    expect(p).toMatchObject({ slug: "acme-2", title: "Acme" });
    expect(p?.items.map((i) => i.ref)).toEqual(["db", "web"]);
  });

  it("refuses a taken slug with an error the service recognizes", async () => {
    const err = await saveStatusPageRow(
      h,
      { id: "p2", slug: "acme-2", title: "Dup", createdAt: NOW },
      [],
      "insert",
    ).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await findStatusPageById(h, "p2")).toBeUndefined();
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });

  it("lists pages by slug and the distinct targets they show", async () => {
    await saveStatusPageRow(
      h,
      { id: "p3", slug: "beta", title: "Beta", createdAt: NOW },
      [item("web", "Site")],
      "insert",
    );
    await saveStatusPageRow(
      h,
      { id: "p4", slug: "gone", title: "Gone", createdAt: NOW },
      [item("c", "c", "ep-gone")],
      "insert",
    );
    expect((await listStatusPages(h)).map((p) => [p.slug, p.items.length])).toEqual([
      ["acme-2", 2],
      ["beta", 1],
      ["gone", 1],
    ]);
    const targets = (await listStatusTargets(h)).map((t) => `${t.endpointId}/${t.ref}`).sort();
    expect(targets).toEqual(["ep-a/db", "ep-a/web", "ep-gone/c"]);
  });

  it("records, extends, reads back and prunes history per target", async () => {
    const a = await openStatusPeriod(h, {
      endpointId: "ep-a",
      kind: "container",
      ref: "web",
      state: "up",
      since: NOW - 5000,
      until: NOW - 5000,
    });
    expect(typeof a).toBe("number");
    await extendStatusPeriods(h, [a!], NOW - 1000);
    await openStatusPeriod(h, {
      endpointId: "ep-a",
      kind: "container",
      ref: "web",
      state: "down",
      since: NOW - 1000,
      until: NOW,
    });
    await openStatusPeriod(h, {
      endpointId: "ep-a",
      kind: "container",
      ref: "db",
      state: "up",
      since: NOW - 9e7,
      until: NOW - 9e7 + 10,
    });
    // Same ref on another endpoint: not the same target.
    await openStatusPeriod(h, {
      endpointId: "ep-b",
      kind: "container",
      ref: "web",
      state: "down",
      since: NOW - 10,
      until: NOW,
    });
    await openStatusPeriod(h, {
      endpointId: "ep-gone",
      kind: "container",
      ref: "c",
      state: "up",
      since: NOW - 10,
      until: NOW,
    });

    const rows = await statusHistorySince(h, [{ endpointId: "ep-a", kind: "container", ref: "web" }], NOW - 86_400_000);
    expect(rows.map((r) => [r.state, r.since, r.until])).toEqual([
      ["up", NOW - 5000, NOW - 1000],
      ["down", NOW - 1000, NOW],
    ]);
    const db = await statusHistorySince(h, [{ endpointId: "ep-a", kind: "container", ref: "db" }], NOW - 86_400_000);
    expect(db).toEqual([]);
    expect(await statusHistorySince(h, [], 0)).toEqual([]);

    expect(await countStatusHistory(h)).toBe(5);
    expect(await pruneStatusHistory(h, NOW - 86_400_000)).toBe(1);
    // An endpoint's history goes with it.
    expect(await deleteEndpointRow(h, "ep-gone")).toBe(true);
    expect(await countStatusHistory(h)).toBe(3);
  });

  it("deletes a page with its items, and an endpoint's items go with the endpoint", async () => {
    expect((await findStatusPageBySlug(h, "gone"))?.items).toEqual([]);
    expect(await deleteStatusPageRow(h, "p3")).toBe(true);
    expect(await deleteStatusPageRow(h, "p3")).toBe(false);
    expect((await listStatusPages(h)).map((p) => p.slug)).toEqual(["acme-2", "gone"]);
  });
});
