import { and, desc, eq, getTableColumns } from "drizzle-orm";
import type { DbHandle } from "./client";

export type StackVersionRow = DbHandle["t"]["stackVersions"]["$inferSelect"];
type Insert = Omit<DbHandle["t"]["stackVersions"]["$inferInsert"], "version">;

const same = (t: DbHandle["t"], endpointId: string, project: string) =>
  and(eq(t.stackVersions.endpointId, endpointId), eq(t.stackVersions.project, project));

/**
 * Records a new version (the next number for the project). Two deploys at once can pick the same number; the unique
 * index refuses the second, which then takes the next one.
 */
export async function insertStackVersion(h: DbHandle, row: Insert): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const last = await h.db
      .select({ version: h.t.stackVersions.version })
      .from(h.t.stackVersions)
      .where(same(h.t, row.endpointId, row.project))
      .orderBy(desc(h.t.stackVersions.version))
      .limit(1);
    const version = (last[0]?.version ?? 0) + 1;
    try {
      await h.db.insert(h.t.stackVersions).values({ ...row, version });
      return version;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

export async function finishStackVersion(
  h: DbHandle,
  id: string,
  patch: { outcome: string; error: string | null; log: string; finishedAt: number },
): Promise<void> {
  await h.db.update(h.t.stackVersions).set(patch).where(eq(h.t.stackVersions.id, id));
}

/** Versions of one project, newest first (the step logs left out: they are read one at a time). */
export async function listStackVersions(h: DbHandle, endpointId: string, project: string, limit = 50) {
  const { log: _log, envSealed: _env, compose: _compose, ...cols } = getTableColumns(h.t.stackVersions);
  return h.db
    .select(cols)
    .from(h.t.stackVersions)
    .where(same(h.t, endpointId, project))
    .orderBy(desc(h.t.stackVersions.version))
    .limit(limit);
}

export async function findStackVersion(
  h: DbHandle,
  endpointId: string,
  project: string,
  version: number,
): Promise<StackVersionRow | undefined> {
  const rows = await h.db
    .select()
    .from(h.t.stackVersions)
    .where(and(same(h.t, endpointId, project), eq(h.t.stackVersions.version, version)));
  return rows[0];
}

/** The newest version whose deploy succeeded (what runs now), else the newest at all. */
export async function currentStackVersion(
  h: DbHandle,
  endpointId: string,
  project: string,
): Promise<StackVersionRow | undefined> {
  const rows = await h.db
    .select()
    .from(h.t.stackVersions)
    .where(same(h.t, endpointId, project))
    .orderBy(desc(h.t.stackVersions.version))
    .limit(50);
  return rows.find((r) => r.outcome === "done") ?? rows[0];
}

/** Projects Berth has versions of, on every endpoint or one: the newest row of each. */
export async function listStackHeads(h: DbHandle, endpointId?: string): Promise<StackVersionRow[]> {
  const { log: _log, envSealed: _env, ...cols } = getTableColumns(h.t.stackVersions);
  const rows = await h.db
    .select(cols)
    .from(h.t.stackVersions)
    .where(endpointId ? eq(h.t.stackVersions.endpointId, endpointId) : undefined)
    .orderBy(desc(h.t.stackVersions.version));
  const heads = new Map<string, StackVersionRow>();
  for (const r of rows) {
    const key = `${r.endpointId}\u0000${r.project}`;
    if (!heads.has(key)) heads.set(key, { ...r, log: "", envSealed: "" });
  }
  return [...heads.values()];
}

/** Forgets a project's history (after a down that removed it for good). */
export async function deleteStackVersions(h: DbHandle, endpointId: string, project: string): Promise<void> {
  await h.db.delete(h.t.stackVersions).where(same(h.t, endpointId, project));
}
