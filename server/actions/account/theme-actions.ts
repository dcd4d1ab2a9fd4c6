"use server";

import { themeInput } from "@/lib/theme-schema";
import { defineAction } from "@/server/entry/action";
import { saveTheme } from "@/server/services/account/user-theme";

// The signed-in user's own colour theme: the service writes the actor's row only.
export const setThemeAction = defineAction(
  { name: "account.theme", schema: themeInput, permission: "authenticated" },
  (actor, input) => saveTheme(actor, input),
);
