import { z } from "zod";
import { createUserInput } from "@/lib/access-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { createUser } from "@/server/services/users/create-user";
import { listUsers } from "@/server/services/users/list-users";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { name: "api.users.list", summary: "All users (admins)", schema: noInput, permission: "user:manage" },
  (actor) => listUsers(actor),
);

export const POST = defineRoute(
  {
    name: "api.users.create",
    summary: "Create a user (admins)",
    schema: z.object({ body: createUserInput }),
    permission: "user:manage",
  },
  async (actor, { body }) => Response.json(await createUser(actor, body, { source: "api" }), { status: 201 }),
);
