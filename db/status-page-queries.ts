import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { atomically, type Statement } from "./atomic";
import type { DbHandle } from "./client";

// Status pages, their items and the up/down history of what they show. Authorization happens above, in services.

export type StatusPageRow = DbHandle["t"]["statusPages"]["$inferSelect"];
export type StatusItemRow = DbHandle["t"]["statusPageItems"]["$inferSelect"];
export type StatusHistoryRow = DbHandle["t"]["statusHistory"]["$inferSelect"];

export interface StatusPageWithItems extends StatusPageRow {
  items: StatusItemRow[];
}

async function withItems({ db, t }: DbHandle, pages: StatusPageRow[]): Promise<StatusPageWithItems[]> {
  if (pages.length === 0) return [];
  const items = await db
    .select()
    .from(t.statusPageItems)
    .where(
      inArray(
        t.statusPageItems.pageId,
        pages.map((p) => p.id),
      ),
    )
    .orderBy(asc(t.statusPageItems.pageId), asc(t.statusPageItems.position));
  return pages.map((p) => ({ ...p, items: items.filter((i) => i.pageId === p.id) }));
}

export async function listStatusPages(h: DbHandle): Promise<StatusPageWithItems[]> {
  const pages = await h.db.select().from(h.t.statusPages).orderBy(asc(h.t.statusPages.slug));
  return withItems(h, pages);
}

export async function findStatusPageById(h: DbHandle, id: string): Promise<StatusPageWithItems | undefined> {
  const rows = await h.db.select().from(h.t.statusPages).where(eq(h.t.statusPages.id, id)).limit(1);
  return (await withItems(h, rows))[0];
}

export async function findStatusPageBySlug(h: DbHandle, slug: string): Promise<StatusPageWithItems | undefined> {
  const rows = await h.db.select().from(h.t.statusPages).where(eq(h.t.statusPages.slug, slug)).limit(1);
  return (await withItems(h, rows))[0];
}

type ItemValues = Omit<StatusItemRow, "pageId" | "position">;

/**
 * Writes a page and replaces its items, as statements of an atomic write (db/atomic.ts): with the audit record of the
 * save, all of it commits or none.
 */
export function* saveStatusPageWrite(
  tx: DbHandle,
  page: StatusPageRow,
  items: ItemValues[],
  mode: "insert" | "update",
): Generator<Statement, void, unknown> {
  const { db, t } = tx;
  const rows = items.map((i, position) => ({ ...i, pageId: page.id, position }));
  yield mode === "insert"
    ? db.insert(t.statusPages).values(page).returning({ id: t.statusPages.id })
    : db
        .update(t.statusPages)
        .set({ slug: page.slug, title: page.title })
        .where(eq(t.statusPages.id, page.id))
        .returning({ id: t.statusPages.id });
  yield db
    .delete(t.statusPageItems)
    .where(eq(t.statusPageItems.pageId, page.id))
    .returning({ id: t.statusPageItems.pageId });
  if (rows.length) yield db.insert(t.statusPageItems).values(rows).returning({ id: t.statusPageItems.pageId });
}

/** Writes a page and replaces its items in one transaction: a failure leaves the page as it was. */
export function saveStatusPageRow(
  h: DbHandle,
  page: StatusPageRow,
  items: ItemValues[],
  mode: "insert" | "update",
): Promise<void> {
  return atomically(h, (tx) => saveStatusPageWrite(tx, page, items, mode));
}

/** A unique-constraint violation from either driver (drizzle may wrap the driver's error in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

export async function deleteStatusPageRow(h: DbHandle, id: string): Promise<boolean> {
  return (await deleteStatusPageRowStmt(h, id)).length === 1;
}

export function deleteStatusPageRowStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.statusPages).where(eq(t.statusPages.id, id)).returning({ id: t.statusPages.id });
}

/** Every distinct thing some page shows: what the tracker watches. */
export async function listStatusTargets({
  db,
  t,
}: DbHandle): Promise<{ endpointId: string; kind: string; ref: string }[]> {
  return db
    .selectDistinct({
      endpointId: t.statusPageItems.endpointId,
      kind: t.statusPageItems.kind,
      ref: t.statusPageItems.ref,
    })
    .from(t.statusPageItems);
}

// --- history ------------------------------------------------------------------------------------------------------

export async function openStatusPeriod(
  { db, t }: DbHandle,
  row: Omit<StatusHistoryRow, "id">,
): Promise<number | undefined> {
  const rows = await db.insert(t.statusHistory).values(row).returning({ id: t.statusHistory.id });
  return rows[0]?.id;
}

/** Extends open periods to `at` (the heartbeat, and the close of a period). */
export async function extendStatusPeriods({ db, t }: DbHandle, ids: number[], at: number): Promise<void> {
  if (ids.length === 0) return;
  await db.update(t.statusHistory).set({ until: at }).where(inArray(t.statusHistory.id, ids));
}

/** Periods of the given targets that end after `from`, oldest first. */
export async function statusHistorySince(
  { db, t }: DbHandle,
  targets: { endpointId: string; kind: string; ref: string }[],
  from: number,
): Promise<StatusHistoryRow[]> {
  if (targets.length === 0) return [];
  const endpointIds = [...new Set(targets.map((x) => x.endpointId))];
  const refs = [...new Set(targets.map((x) => x.ref))];
  const rows = await db
    .select()
    .from(t.statusHistory)
    .where(
      and(
        inArray(t.statusHistory.endpointId, endpointIds),
        inArray(t.statusHistory.ref, refs),
        gt(t.statusHistory.until, from),
      ),
    )
    .orderBy(asc(t.statusHistory.since));
  const wanted = new Set(targets.map((x) => `${x.endpointId}/${x.kind}/${x.ref}`));
  return rows.filter((r) => wanted.has(`${r.endpointId}/${r.kind}/${r.ref}`));
}

/** Forgets periods that ended before `before`; returns how many went. */
export async function pruneStatusHistory({ db, t }: DbHandle, before: number): Promise<number> {
  const rows = await db
    .delete(t.statusHistory)
    .where(lt(t.statusHistory.until, before))
    .returning({ id: t.statusHistory.id });
  return rows.length;
}

export async function countStatusHistory({ db, t }: DbHandle): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(t.statusHistory);
  return Number(rows[0]?.n ?? 0);
}
