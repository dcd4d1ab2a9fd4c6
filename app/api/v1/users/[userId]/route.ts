import { z } from "zod";
import { entityId } from "@/lib/access-schemas";
import { defineRoute } from "@/server/entry/route";
import { deleteUser } from "@/server/services/users/delete-user";
import { setUserAdmin } from "@/server/services/users/set-user-admin";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";

export const dynamic = "force-dynamic";

const params = z.object({ userId: entityId });

const patchSchema = z.object({
  params,
  body: z
    .object({ disabled: z.boolean().optional(), isAdmin: z.boolean().optional() })
    .refine((b) => b.disabled !== undefined || b.isAdmin !== undefined, "Give disabled or isAdmin"),
});

/** PATCH /api/v1/users/{userId} {disabled?, isAdmin?} */
export const PATCH = defineRoute(
  {
    name: "api.users.update",
    summary: "Disable/enable a user or change the admin flag (admins); ends the user's sessions",
    schema: patchSchema,
    permission: "user:manage",
  },
  async (actor, { params: { userId }, body }) => {
    const ctx = { source: "api" };
    if (body.disabled !== undefined) await setUserDisabled(actor, { userId, disabled: body.disabled }, ctx);
    if (body.isAdmin !== undefined) await setUserAdmin(actor, { userId, isAdmin: body.isAdmin }, ctx);
  },
);

export const DELETE = defineRoute(
  {
    name: "api.users.delete",
    summary: "Delete a user (admins)",
    schema: z.object({ params }),
    permission: "user:manage",
  },
  (actor, { params: { userId } }) => deleteUser(actor, { userId }, { source: "api" }),
);
