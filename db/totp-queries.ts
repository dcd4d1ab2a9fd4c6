import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";

export async function setTotpState(
  { db, t }: DbHandle,
  userId: string,
  state: { totpSecret: string | null; totpEnabled: boolean; recoveryCodes: string | null },
): Promise<void> {
  await db.update(t.users).set(state).where(eq(t.users.id, userId));
}

export async function setRecoveryCodes({ db, t }: DbHandle, userId: string, recoveryCodes: string): Promise<void> {
  await db.update(t.users).set({ recoveryCodes }).where(eq(t.users.id, userId));
}
