import { findUserById, grantsForUser } from "@/db/queries";
import type { Actor, EndpointRole } from "@/lib/domain";
import { runtime } from "@/server/runtime";

/**
 * Builds the actor for a verified session from the database, every time: a disabled user, a deleted user or a
 * session issued before the user's last security change (session version) yields null.
 */
export async function loadActor(userId: unknown, sessionVersion: unknown): Promise<Actor | null> {
  if (typeof userId !== "string" || !userId) return null;
  const { db } = runtime();
  const user = await findUserById(db, userId);
  if (!user || user.disabled) return null;
  if (typeof sessionVersion !== "number" || sessionVersion !== user.sessionVersion) return null;
  const grants: Record<string, EndpointRole> = {};
  if (!user.isAdmin) {
    for (const g of await grantsForUser(db, user.id)) {
      if (g.role === "operator") grants[g.endpointId] = "operator";
      else if (g.role === "viewer" && !grants[g.endpointId]) grants[g.endpointId] = "viewer";
    }
  }
  return { id: user.id, username: user.username, isAdmin: user.isAdmin, grants };
}
