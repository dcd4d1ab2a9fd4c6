import { listEndpoints } from "@/db/queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

/** Every registered endpoint, by id and name, for an admin choosing what to grant. */
export async function listGrantableEndpoints(actor: Actor | null): Promise<{ id: string; name: string }[]> {
  authorize(actor, "grant:manage");
  return (await listEndpoints(runtime().db)).map(({ id, name }) => ({ id, name }));
}
