import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";

export async function setTotpState(
  { db, t }: DbHandle,
  userId: string,
  state: { totpSecret: string | null; totpEnabled: boolean; recoveryCodes: string | null },
): Promise<void> {
  await db.update(t.users).set(state).where(eq(t.users.id, userId));
}

/** The same change as a statement of an atomic write (db/atomic.ts): committed with its audit record. */
export function setTotpStateStmt(
  { db, t }: DbHandle,
  userId: string,
  state: { totpSecret: string | null; totpEnabled: boolean; recoveryCodes: string | null },
) {
  return db.update(t.users).set(state).where(eq(t.users.id, userId)).returning({ id: t.users.id });
}

export async function setRecoveryCodes({ db, t }: DbHandle, userId: string, recoveryCodes: string): Promise<void> {
  await db.update(t.users).set({ recoveryCodes }).where(eq(t.users.id, userId));
}
