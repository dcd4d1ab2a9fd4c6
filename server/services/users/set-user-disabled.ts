import { countActiveAdmins, updateUserStmt } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { runtime } from "@/server/runtime";
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
      const { db } = runtime();
      if (input.disabled && user.isAdmin && !user.disabled && (await countActiveAdmins(db)) <= 1) {
        throw new UserError("The last active admin cannot be disabled", 409, "conflict");
      }
      await note.commit(function* (tx) {
        yield updateUserStmt(tx, user.id, { disabled: input.disabled }, input.disabled);
      });
      userSessionsChanged(user.id);
    },
    ctx,
  );
}
