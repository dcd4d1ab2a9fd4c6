import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { pruneRevokedSessions, revokeSessionId, sessionIdRevoked } from "@/db/auth-queries";
import { runtime } from "@/server/runtime";

/**
 * Server-side sign-out. A session JWT carries a random session id (`sid`) from sign-in on, kept when next-auth rolls
 * the cookie; signing out writes that id to the database, and every check of a session token refuses it from then
 * on, on every replica, even for copies of the cookie still held elsewhere (an open socket's handshake, another tab).
 * The local socket gateway is told at once so that session's sockets close now rather than at the next re-check.
 */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

export function newSessionId(): string {
  return crypto.randomBytes(18).toString("base64url");
}

const EVENTS = Symbol.for("berth.session-events");
type Holder = { [EVENTS]?: EventEmitter };

/** "ended" (sid) and "user-changed" (user id): one emitter per process, shared by the custom server and Next's bundled route code. */
export function sessionEvents(): EventEmitter {
  const g = globalThis as Holder;
  g[EVENTS] ??= new EventEmitter().setMaxListeners(0);
  return g[EVENTS];
}

let lastPrune = 0;

export async function endSession(sid: string, now = Date.now()): Promise<void> {
  const { db } = runtime();
  // Kept as long as the newest copy of the cookie could still be valid (a roll just before sign-out), then pruned.
  await revokeSessionId(db, sid, now + SESSION_MAX_AGE_S * 1000 + 60_000);
  sessionEvents().emit("ended", sid);
  if (now - lastPrune > 60 * 60_000) {
    lastPrune = now;
    await pruneRevokedSessions(db, now).catch(() => {});
  }
}

export function sessionEnded(sid: string): Promise<boolean> {
  return sessionIdRevoked(runtime().db, sid);
}

/**
 * A user's sessions just lost or changed their rights (disabled, password reset, admin flag, deleted): the local socket
 * gateway re-checks that user's sockets now instead of at its next periodic round (which still covers other replicas).
 */
export function userSessionsChanged(userId: string): void {
  sessionEvents().emit("user-changed", userId);
}
