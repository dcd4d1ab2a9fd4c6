import { updateUser } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { hashPassword } from "@/server/auth/passwords";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetUser } from "./find-target-user";

/** Sets a new password chosen by an admin and ends every session of that user. */
export async function resetPassword(
  actor: Actor | null,
  input: { userId: string; password: string },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = { action: "user.reset_password", permission: "user:manage" as const, target: input.userId };
  await runAudited(actor, op, ctx, async () => {
    const user = await findTargetUser(input.userId);
    op.target = user.username;
    await updateUser(runtime().db, user.id, { passwordHash: await hashPassword(input.password) }, true);
    userSessionsChanged(user.id);
  });
}
