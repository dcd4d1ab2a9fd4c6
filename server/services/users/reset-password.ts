import { updateUserStmt } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { hashPassword } from "@/server/auth/passwords";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { type UseCaseContext, useCase } from "../use-case";
import { findTargetUser } from "./find-target-user";

/** Sets a new password chosen by an admin and ends every session of that user. */
export async function resetPassword(
  actor: Actor | null,
  input: { userId: string; password: string },
  ctx?: UseCaseContext,
): Promise<void> {
  const op = { audit: "user.reset_password", permission: "user:manage" as const, target: input.userId };
  await useCase(
    actor,
    op,
    async (_actor, note) => {
      const user = await findTargetUser(input.userId);
      note.target = user.username;
      const passwordHash = await hashPassword(input.password);
      await note.commit(function* (tx) {
        yield updateUserStmt(tx, user.id, { passwordHash }, true);
      });
      userSessionsChanged(user.id);
    },
    ctx,
  );
}
