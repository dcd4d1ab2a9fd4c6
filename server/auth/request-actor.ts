import { cookies, headers } from "next/headers";
import type { Actor } from "@/lib/domain";
import { actorFromBearerToken, bearerFrom } from "./api-token";
import { actorFromSessionToken } from "./session-token";

/**
 * The actor of the current Next request (page, server action or route handler), checked against the database.
 * An Authorization header, when present, is the only credential looked at: a bad token never falls back to a cookie.
 */
export async function requestActor(): Promise<Actor | null> {
  const bearer = bearerFrom((await headers()).get("authorization"));
  if (bearer !== undefined) return bearer ? actorFromBearerToken(bearer) : null;
  const jar = await cookies();
  const token = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  return actorFromSessionToken(token);
}

/** How the current request authenticated; cookie-authenticated writes get CSRF checks that bearer ones need not. */
export async function requestUsesBearer(): Promise<boolean> {
  return bearerFrom((await headers()).get("authorization")) !== undefined;
}
