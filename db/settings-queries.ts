import { eq, like } from "drizzle-orm";
import type { DbHandle } from "./client";

// Settings live in the meta table as key -> JSON text. Reads and writes only; meaning is decided above.

export async function getSetting({ db, t }: DbHandle, key: string): Promise<string | undefined> {
  const rows = await db.select({ value: t.meta.value }).from(t.meta).where(eq(t.meta.key, key)).limit(1);
  return rows[0]?.value;
}

export async function putSetting(h: DbHandle, key: string, value: string): Promise<void> {
  await putSettingStmt(h, key, value);
}

export function putSettingStmt({ db, t }: DbHandle, key: string, value: string) {
  return db
    .insert(t.meta)
    .values({ key, value })
    .onConflictDoUpdate({ target: t.meta.key, set: { value } })
    .returning({ key: t.meta.key });
}

/** Settings whose key starts with `prefix` (exactly: LIKE's wildcards in the prefix are checked again here). */
export async function listSettings({ db, t }: DbHandle, prefix: string): Promise<{ key: string; value: string }[]> {
  const rows = await db
    .select({ key: t.meta.key, value: t.meta.value })
    .from(t.meta)
    .where(like(t.meta.key, `${prefix}%`));
  return rows.filter((r) => r.key.startsWith(prefix));
}

export function deleteSettingStmt({ db, t }: DbHandle, key: string) {
  return db.delete(t.meta).where(eq(t.meta.key, key)).returning({ key: t.meta.key });
}
