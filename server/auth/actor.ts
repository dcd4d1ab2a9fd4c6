import { findUserById, grantsForUser } from "@/db/queries";
import { foldGrants, parseNamespaces } from "@/lib/actor-grants";
import type { Actor } from "@/lib/domain";
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
  // Every team's grants add up; a grant naming Kubernetes namespaces holds only in those (lib/policy.ts `can`).
  const rows = user.isAdmin ? [] : await grantsForUser(db, user.id);
  const folded = foldGrants(rows.map((g) => ({ ...g, namespaces: parseNamespaces(g.namespaces) })));
  return { id: user.id, username: user.username, isAdmin: user.isAdmin, ...folded };
}
