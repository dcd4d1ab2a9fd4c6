import { activeAdminIdsStmt, refuseLastAdmin, updateUserStmt } from "@/db/access-queries";
import { rows } from "@/db/atomic";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "./find-target-user";

/**
 * Disables (or re-enables) a user. Disabling bumps the session version, so the user's sessions die on their next
 * request and their sockets within one gateway re-check.
 */
export async function setUserDisabled(
  actor: Actor | null,
  input: { userId: string; disabled: boolean },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = {
    audit: input.disabled ? "user.disable" : "user.enable",
    permission: "user:manage" as const,
    target: input.userId,
  };
  await useCase(
    actor,
    op,
    async (me, note) => {
      const user = await findTargetUser(input.userId);
      note.target = user.username;
      if (input.disabled && user.id === me.id) throw new UserError("You cannot disable yourself", 409, "conflict");
      await note.commit(function* (tx) {
        if (input.disabled) {
          const admins = rows<{ id: string }>(yield activeAdminIdsStmt(tx));
          refuseLastAdmin(admins, user.id, "The last active admin cannot be disabled");
        }
        yield updateUserStmt(tx, user.id, { disabled: input.disabled }, input.disabled);
      });
      userSessionsChanged(user.id);
    },
    ctx,
  );
}
