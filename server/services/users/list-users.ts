import { listUsers as queryUsers, type UserListRow } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { runtime } from "@/server/runtime";
import { authorize } from "../authorize";

export async function listUsers(actor: Actor | null): Promise<UserListRow[]> {
  authorize(actor, "user:manage");
  return queryUsers(runtime().db);
}
