import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";

// A user's own display preferences (the colour theme). Reads and writes only; validation is the caller's.

export async function getUserTheme({ db, t }: DbHandle, userId: string): Promise<string | undefined> {
  const rows = await db.select({ theme: t.users.theme }).from(t.users).where(eq(t.users.id, userId)).limit(1);
  return rows[0]?.theme;
}

/** A statement of an atomic write (db/atomic.ts): the change and its audit record commit together. */
export function setUserThemeStmt({ db, t }: DbHandle, userId: string, theme: string) {
  return db.update(t.users).set({ theme }).where(eq(t.users.id, userId)).returning({ id: t.users.id });
}
