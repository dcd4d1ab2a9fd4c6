import { activeAdminIdsStmt, deleteUserStmt, refuseLastAdmin } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "./find-target-user";

/** Deletes a user with their team memberships and tokens (cascades); their sessions find no user and die. */
export async function deleteUser(actor: Actor | null, input: { userId: string }, ctx?: UseCaseContext): Promise<void> {
  const op = { audit: "user.delete", permission: "user:manage" as const, target: input.userId };
  await useCase(
    actor,
    op,
    async (me, note) => {
      const user = await findTargetUser(input.userId);
      note.target = user.username;
      if (user.id === me.id) throw new UserError("You cannot delete yourself", 409, "conflict");
      await note.commit(function* (tx) {
        const admins = rows<{ id: string }>(yield activeAdminIdsStmt(tx));
        refuseLastAdmin(admins, user.id, "The last active admin cannot be deleted");
        yield deleteUserStmt(tx, user.id);
      });
      userSessionsChanged(user.id);
    },
    ctx,
  );
}
