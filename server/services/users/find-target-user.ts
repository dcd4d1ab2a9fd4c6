import { findUserById, type UserRow } from "@/db/queries";
import { NotFoundError } from "@/lib/errors";
import { runtime } from "@/server/runtime";

/** The user an admin acts on; 404 when it does not exist. */
export async function findTargetUser(userId: string): Promise<UserRow> {
  const user = await findUserById(runtime().db, userId);
  if (!user) throw new NotFoundError("User not found");
  return user;
}
