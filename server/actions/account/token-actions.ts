"use server";

import { createTokenInput, tokenRefInput } from "@/lib/access-schemas";
import { defineAction } from "@/server/entry/action";
import { createToken } from "@/server/services/tokens/create-token";
import { revokeToken } from "@/server/services/tokens/revoke-token";

const ui = { source: "ui" };

// Tokens belong to the signed-in user: the services scope every read and write to the actor.
export const createTokenAction = defineAction(
  { name: "tokens.create", schema: createTokenInput, permission: "authenticated" },
  (actor, input) => createToken(actor, input, ui),
);
export const revokeTokenAction = defineAction(
  { name: "tokens.revoke", schema: tokenRefInput, permission: "authenticated" },
  (actor, input) => revokeToken(actor, input, ui),
);
