import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { loadActor } from "./actor";

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

/** Verifies a next-auth session JWT and loads the actor it names from the database. */
export async function actorFromSessionToken(token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 8192) return null;
  try {
    const claims = await decode({ token, secret: runtime().config.authSecret });
    if (!claims) return null;
    return await loadActor(claims.sub, claims.sv);
  } catch {
    return null;
  }
}

export function actorFromCookieHeader(header: string | undefined): Promise<Actor | null> {
  const cookies = parseCookies(header);
  const token = COOKIE_NAMES.map((n) => cookies.get(n)).find(Boolean);
  return actorFromSessionToken(token);
}
