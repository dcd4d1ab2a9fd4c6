import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { UserError } from "@/lib/errors";
import type { DbHandle } from "./client";

// Users, teams, grants and API tokens. Authorization happens above, in services.

export type TeamRow = DbHandle["t"]["teams"]["$inferSelect"];
export type TokenRow = DbHandle["t"]["apiTokens"]["$inferSelect"];

export interface UserListRow {
  id: string;
  username: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: number;
}

export async function listUsers({ db, t }: DbHandle): Promise<UserListRow[]> {
  return db
    .select({
      id: t.users.id,
      username: t.users.username,
      isAdmin: t.users.isAdmin,
      disabled: t.users.disabled,
      createdAt: t.users.createdAt,
    })
    .from(t.users)
    .orderBy(asc(t.users.username));
}

// The `...Stmt` builders are the same writes as statements of an atomic write (db/atomic.ts): built, not run.

/**
 * The active admins' ids (admins that can still sign in: the last of them may not be disabled, demoted or deleted),
 * as a statement of an atomic write that is about to take an admin away (demote, disable,
 * delete). On Postgres the rows are locked (FOR UPDATE), so two admins demoting each other at once serialize: the
 * second waits, re-reads and finds itself the last one. SQLite needs no lock: better-sqlite3 runs the whole write
 * synchronously, nothing interleaves with it.
 */
export function activeAdminIdsStmt({ db, t, dialect }: DbHandle) {
  const q = db
    .select({ id: t.users.id })
    .from(t.users)
    .where(and(eq(t.users.isAdmin, true), eq(t.users.disabled, false)));
  if (dialect !== "pg") return q;
  // The handle is typed as SQLite's (db/client.ts); at run time it is drizzle's Postgres select, which has .for().
  return (q as unknown as { for(strength: "update"): typeof q }).for("update");
}

/** Throws when `userId` is the only active admin among `adminIds` (the rows `activeAdminIdsStmt` answered). */
export function refuseLastAdmin(adminIds: { id: string }[], userId: string, message: string): void {
  if (adminIds.length <= 1 && adminIds.some((a) => a.id === userId)) {
    throw new UserError(message, 409, "conflict");
  }
}

/** Updates a user and bumps the session version when `revoke` is set, so every existing session dies. */
export function updateUserStmt(
  { db, t }: DbHandle,
  id: string,
  patch: { disabled?: boolean; isAdmin?: boolean; passwordHash?: string },
  revoke: boolean,
) {
  return db
    .update(t.users)
    .set({ ...patch, ...(revoke ? { sessionVersion: sql`${t.users.sessionVersion} + 1` } : {}) })
    .where(eq(t.users.id, id))
    .returning({ id: t.users.id });
}

export async function updateUser(
  h: DbHandle,
  id: string,
  patch: { disabled?: boolean; isAdmin?: boolean; passwordHash?: string },
  revoke: boolean,
): Promise<boolean> {
  return (await updateUserStmt(h, id, patch, revoke)).length === 1;
}

export function deleteUserStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.users).where(eq(t.users.id, id)).returning({ id: t.users.id });
}

export async function deleteUser(h: DbHandle, id: string): Promise<boolean> {
  return (await deleteUserStmt(h, id)).length === 1;
}

export async function listTeams({ db, t }: DbHandle): Promise<TeamRow[]> {
  return db.select().from(t.teams).orderBy(asc(t.teams.name));
}

export async function findTeamById({ db, t }: DbHandle, id: string): Promise<TeamRow | undefined> {
  const rows = await db.select().from(t.teams).where(eq(t.teams.id, id)).limit(1);
  return rows[0];
}

export async function findTeamByName({ db, t }: DbHandle, name: string): Promise<TeamRow | undefined> {
  const rows = await db.select().from(t.teams).where(eq(t.teams.name, name)).limit(1);
  return rows[0];
}

export function insertTeamStmt(h: DbHandle, row: TeamRow) {
  return h.db.insert(h.t.teams).values(row).returning({ id: h.t.teams.id });
}

export function deleteTeamStmt({ db, t }: DbHandle, id: string) {
  return db.delete(t.teams).where(eq(t.teams.id, id)).returning({ id: t.teams.id });
}

export async function teamMembers({ db, t }: DbHandle, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: t.teamMembers.teamId, userId: t.users.id, username: t.users.username })
    .from(t.teamMembers)
    .innerJoin(t.users, eq(t.users.id, t.teamMembers.userId))
    .where(inArray(t.teamMembers.teamId, teamIds))
    .orderBy(asc(t.users.username));
}

/** No row back when the user was a member already. */
export function addTeamMemberStmt({ db, t }: DbHandle, teamId: string, userId: string) {
  return db
    .insert(t.teamMembers)
    .values({ teamId, userId })
    .onConflictDoNothing()
    .returning({ teamId: t.teamMembers.teamId });
}

export function removeTeamMemberStmt({ db, t }: DbHandle, teamId: string, userId: string) {
  return db
    .delete(t.teamMembers)
    .where(and(eq(t.teamMembers.teamId, teamId), eq(t.teamMembers.userId, userId)))
    .returning({ teamId: t.teamMembers.teamId });
}

export async function teamGrants({ db, t }: DbHandle, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({
      teamId: t.grants.teamId,
      endpointId: t.grants.endpointId,
      role: t.grants.role,
      namespaces: t.grants.namespaces,
    })
    .from(t.grants)
    .where(inArray(t.grants.teamId, teamIds))
    .orderBy(asc(t.grants.endpointId));
}

export async function endpointExists({ db, t }: DbHandle, id: string): Promise<boolean> {
  const rows = await db.select({ id: t.endpoints.id }).from(t.endpoints).where(eq(t.endpoints.id, id)).limit(1);
  return rows.length === 1;
}

/** `namespaces`: a JSON array (Kubernetes namespaces the role is limited to), or null for the whole endpoint. */
export function upsertGrantStmt(
  { db, t }: DbHandle,
  teamId: string,
  endpointId: string,
  role: string,
  namespaces: string | null = null,
) {
  return db
    .insert(t.grants)
    .values({ teamId, endpointId, role, namespaces })
    .onConflictDoUpdate({ target: [t.grants.teamId, t.grants.endpointId], set: { role, namespaces } })
    .returning({ teamId: t.grants.teamId });
}

export function deleteGrantStmt({ db, t }: DbHandle, teamId: string, endpointId: string) {
  return db
    .delete(t.grants)
    .where(and(eq(t.grants.teamId, teamId), eq(t.grants.endpointId, endpointId)))
    .returning({ teamId: t.grants.teamId });
}

export function insertTokenStmt(h: DbHandle, row: DbHandle["t"]["apiTokens"]["$inferInsert"]) {
  return h.db.insert(h.t.apiTokens).values(row).returning({ id: h.t.apiTokens.id });
}

export async function findTokenByHash({ db, t }: DbHandle, tokenHash: string): Promise<TokenRow | undefined> {
  const rows = await db.select().from(t.apiTokens).where(eq(t.apiTokens.tokenHash, tokenHash)).limit(1);
  return rows[0];
}

export async function listTokensOf({ db, t }: DbHandle, userId: string): Promise<TokenRow[]> {
  return db.select().from(t.apiTokens).where(eq(t.apiTokens.userId, userId)).orderBy(asc(t.apiTokens.createdAt));
}

/** Revokes a token of this user only; no row back when the user has no such live token. */
export function revokeTokenStmt({ db, t }: DbHandle, userId: string, id: string, at: number) {
  return db
    .update(t.apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(t.apiTokens.id, id), eq(t.apiTokens.userId, userId), sql`${t.apiTokens.revokedAt} is null`))
    .returning({ id: t.apiTokens.id });
}

export async function touchToken({ db, t }: DbHandle, id: string, at: number): Promise<void> {
  await db.update(t.apiTokens).set({ lastUsedAt: at }).where(eq(t.apiTokens.id, id));
}
