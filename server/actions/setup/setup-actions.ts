"use server";

import { setupInput } from "@/lib/schemas";
import { definePublicAction } from "@/server/entry/action";
import { createFirstAdmin } from "@/server/services/setup/create-first-admin";

export const createAdmin = definePublicAction({ name: "setup.createAdmin", schema: setupInput }, async (input) => {
  await createFirstAdmin({ username: input.username, password: input.password }, { token: input.token });
  return { username: input.username };
});
