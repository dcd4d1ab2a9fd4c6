import { activeAdminIdsStmt, refuseLastAdmin, updateUserStmt } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "./find-target-user";

/** Grants or takes away the admin flag. Either way the user's sessions are renewed (role change = revocation). */
export async function setUserAdmin(
  actor: Actor | null,
  input: { userId: string; isAdmin: boolean },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = {
    audit: input.isAdmin ? "user.promote" : "user.demote",
    permission: "user:manage" as const,
    target: input.userId,
  };
  await useCase(
    actor,
    op,
    async (me, note) => {
      const user = await findTargetUser(input.userId);
      note.target = user.username;
      if (user.isAdmin === input.isAdmin) return;
      if (!input.isAdmin && user.id === me.id)
        throw new UserError("You cannot remove your own admin role", 409, "conflict");
      await note.commit(function* (tx) {
        if (!input.isAdmin) {
          const admins = rows<{ id: string }>(yield activeAdminIdsStmt(tx));
          refuseLastAdmin(admins, user.id, "The last active admin cannot lose the admin role");
        }
        yield updateUserStmt(tx, user.id, { isAdmin: input.isAdmin }, true);
      });
      userSessionsChanged(user.id);
    },
    ctx,
  );
}
