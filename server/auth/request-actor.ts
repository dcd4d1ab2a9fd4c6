import { cookies } from "next/headers";
import type { Actor } from "@/lib/domain";
import { actorFromSessionToken } from "./session-token";

/** The actor of the current Next request (page, server action or route handler), checked against the database. */
export async function requestActor(): Promise<Actor | null> {
  const jar = await cookies();
  const token = jar.get("__Secure-next-auth.session-token")?.value ?? jar.get("next-auth.session-token")?.value;
  return actorFromSessionToken(token);
}
