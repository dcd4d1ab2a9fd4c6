"use server";

import { z } from "zod";
import { totpCodeInput, totpDisableInput } from "@/lib/totp-schemas";
import { defineAction } from "@/server/entry/action";
import { confirmTwoFactor, disableTwoFactor, startTwoFactor } from "@/server/services/account/two-factor";

// The signed-in user's own second factor: the services act on the actor's account only.
export const startTwoFactorAction = defineAction(
  { name: "account.totp_start", schema: z.object({}), permission: "authenticated" },
  (actor) => startTwoFactor(actor),
);
export const confirmTwoFactorAction = defineAction(
  { name: "account.totp_confirm", schema: totpCodeInput, permission: "authenticated" },
  (actor, input) => confirmTwoFactor(actor, input),
);
export const disableTwoFactorAction = defineAction(
  { name: "account.totp_disable", schema: totpDisableInput, permission: "authenticated" },
  (actor, input) => disableTwoFactor(actor, input),
);
