import { eq } from "drizzle-orm";
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
