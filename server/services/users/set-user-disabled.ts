import { countActiveAdmins, updateUser } from "@/db/access-queries";
import type { Actor } from "@/lib/domain";
import { UserError } from "@/lib/errors";
import { userSessionsChanged } from "@/server/auth/session-revocation";
import { runtime } from "@/server/runtime";
import { runAudited, type ServiceContext } from "../access/run-audited";
import { findTargetUser } from "./find-target-user";

/**
 * Disables (or re-enables) a user. Disabling bumps the session version, so the user's sessions die on their next
 * request and their sockets within one gateway re-check.
 */
export async function setUserDisabled(
  actor: Actor | null,
  input: { userId: string; disabled: boolean },
  ctx: ServiceContext = {},
): Promise<void> {
  const op = {
    action: input.disabled ? "user.disable" : "user.enable",
    permission: "user:manage" as const,
    target: input.userId,
  };
  await runAudited(actor, op, ctx, async (me) => {
    const user = await findTargetUser(input.userId);
    op.target = user.username;
    if (input.disabled && user.id === me.id) throw new UserError("You cannot disable yourself", 409, "conflict");
    const { db } = runtime();
    if (input.disabled && user.isAdmin && !user.disabled && (await countActiveAdmins(db)) <= 1) {
      throw new UserError("The last active admin cannot be disabled", 409, "conflict");
    }
    await updateUser(db, user.id, { disabled: input.disabled }, input.disabled);
    userSessionsChanged(user.id);
  });
}
