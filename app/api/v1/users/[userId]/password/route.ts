import { z } from "zod";
import { entityId } from "@/lib/access-schemas";
import { password } from "@/lib/schemas";
import { defineRoute } from "@/server/entry/route";
import { resetPassword } from "@/server/services/users/reset-password";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ userId: entityId }), body: z.object({ password }) });

/** POST /api/v1/users/{userId}/password {password}: an admin sets a new password; the user's sessions end. */
export const POST = defineRoute(
  {
    name: "api.users.reset_password",
    summary: "Set a new password for a user (admins); ends the user's sessions",
    schema,
    permission: "user:manage",
  },
  (actor, { params: { userId }, body }) => resetPassword(actor, { userId, password: body.password }, { source: "api" }),
);
