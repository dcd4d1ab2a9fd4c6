import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { loadActor } from "./actor";
import { sessionEnded } from "./session-revocation";

// next-auth's cookie names; the __Secure- form is used when Berth is served over https.
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    try {
      out.set(k, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed cookie is simply absent
    }
  }
  return out;
}

export interface VerifiedSession {
  actor: Actor;
  /** The session id from sign-in (server/auth/session-revocation.ts). */
  sid: string;
}

/**
 * Verifies a next-auth session JWT: signed by us, not signed out (a token without a session id predates sign-out
 * support and is refused too), and naming a user who may still act, loaded from the database.
 */
export async function sessionFromToken(token: string | undefined): Promise<VerifiedSession | null> {
  if (!token || token.length > 8192) return null;
  try {
    const claims = await decode({ token, secret: runtime().config.authSecret });
    if (!claims || typeof claims.sid !== "string" || !claims.sid) return null;
    if (await sessionEnded(claims.sid)) return null;
    const actor = await loadActor(claims.sub, claims.sv);
    return actor ? { actor, sid: claims.sid } : null;
  } catch {
    return null;
  }
}

export async function actorFromSessionToken(token: string | undefined): Promise<Actor | null> {
  return (await sessionFromToken(token))?.actor ?? null;
}

export function sessionFromCookieHeader(header: string | undefined): Promise<VerifiedSession | null> {
  const cookies = parseCookies(header);
  return sessionFromToken(COOKIE_NAMES.map((n) => cookies.get(n)).find(Boolean));
}

export async function actorFromCookieHeader(header: string | undefined): Promise<Actor | null> {
  return (await sessionFromCookieHeader(header))?.actor ?? null;
}
