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
  return actorOf(user);
}

/**
 * The actor of a user for work done on their behalf without a session (a stack's Git webhook or polling): re-loaded
 * each time, so a user disabled, deleted or without the grant any more can no longer deploy through it.
 */
export async function loadUserActor(userId: string): Promise<Actor | null> {
  const user = await findUserById(runtime().db, userId);
  if (!user || user.disabled) return null;
  return actorOf(user);
}

async function actorOf(user: { id: string; username: string; isAdmin: boolean }): Promise<Actor> {
  // Every team's grants add up; a grant naming Kubernetes namespaces holds only in those (lib/policy.ts `can`).
  const rows = user.isAdmin ? [] : await grantsForUser(runtime().db, user.id);
  const folded = foldGrants(rows.map((g) => ({ ...g, namespaces: parseNamespaces(g.namespaces) })));
  return { id: user.id, username: user.username, isAdmin: user.isAdmin, ...folded };
}
