"use server";

import {
  createUserInput,
  resetPasswordInput,
  setUserAdminInput,
  setUserDisabledInput,
  userRefInput,
} from "@/lib/access-schemas";
import { defineAction } from "@/server/entry/action";
import { createUser } from "@/server/services/users/create-user";
import { deleteUser } from "@/server/services/users/delete-user";
import { resetPassword } from "@/server/services/users/reset-password";
import { setUserAdmin } from "@/server/services/users/set-user-admin";
import { setUserDisabled } from "@/server/services/users/set-user-disabled";

const ui = { source: "ui" };
const admin = "user:manage" as const;

export const createUserAction = defineAction(
  { name: "users.create", schema: createUserInput, permission: admin },
  async (actor, input) => {
    await createUser(actor, input, ui);
  },
);
export const setUserDisabledAction = defineAction(
  { name: "users.set_disabled", schema: setUserDisabledInput, permission: admin },
  (actor, input) => setUserDisabled(actor, input, ui),
);
export const setUserAdminAction = defineAction(
  { name: "users.set_admin", schema: setUserAdminInput, permission: admin },
  (actor, input) => setUserAdmin(actor, input, ui),
);
export const deleteUserAction = defineAction(
  { name: "users.delete", schema: userRefInput, permission: admin },
  (actor, input) => deleteUser(actor, input, ui),
);
export const resetPasswordAction = defineAction(
  { name: "users.reset_password", schema: resetPasswordInput, permission: admin },
  (actor, input) => resetPassword(actor, input, ui),
);
