import { and, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { DbHandle } from "./client";

export type UsagePointRow = DbHandle["t"]["usagePoints"]["$inferInsert"];

export async function insertUsagePoints({ db, t }: DbHandle, rows: UsagePointRow[]): Promise<void> {
  // Chunks: SQLite caps bound parameters per statement.
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insert(t.usagePoints)
      .values(rows.slice(i, i + 100))
      .onConflictDoNothing();
  }
}

export async function pruneUsagePoints({ db, t }: DbHandle, before: number): Promise<void> {
  await db.delete(t.usagePoints).where(lt(t.usagePoints.t, before));
}

export interface UsageBucket {
  endpointId: string;
  project: string;
  containerName: string;
  /** Bucket start (epoch ms). */
  b: number;
  /** Sum over the group's containers, averaged over the minutes present in the bucket. */
  cpuMilli: number;
  mem: number;
}

/**
 * Usage of some endpoints between two times, in buckets of `bucketMs`, one row per (endpoint, project, container,
 * bucket): the caller sums containers into the groups it shows. Aggregated in the database, so a week of minutes is
 * never read row by row.
 */
export async function usageBuckets(
  { db, t }: DbHandle,
  endpointIds: string[],
  from: number,
  to: number,
  bucketMs: number,
): Promise<UsageBucket[]> {
  if (endpointIds.length === 0) return [];
  const u = t.usagePoints;
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) throw new Error("bucketMs must be a positive integer");
  // Inlined, not bound: SQLite binds JS numbers as REAL, which would make this a float division.
  const size = sql.raw(String(bucketMs));
  const bucket = sql<number>`(${u.t} / ${size}) * ${size}`;
  const rows = await db
    .select({
      endpointId: u.endpointId,
      project: u.project,
      containerName: u.containerName,
      b: bucket,
      cpuMilli: sql<number>`avg(${u.cpu})`,
      mem: sql<number>`avg(${u.mem})`,
    })
    .from(u)
    .where(and(inArray(u.endpointId, endpointIds), gte(u.t, from), lte(u.t, to)))
    .groupBy(u.endpointId, u.project, u.containerName, bucket);
  return rows.map((r) => ({ ...r, b: Number(r.b), cpuMilli: Number(r.cpuMilli), mem: Number(r.mem) }));
}

export async function countUsagePoints({ db, t }: DbHandle): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)` }).from(t.usagePoints);
  return Number(rows[0]?.n ?? 0);
}
