"use server";

import { restrictionsSchema } from "@/lib/container-restrictions";
import { defineAction } from "@/server/entry/action";
import { updateContainerRestrictions } from "@/server/services/settings/container-restrictions";

export const saveRestrictionsAction = defineAction(
  { name: "settings.restrictions", schema: restrictionsSchema, permission: "settings:manage" },
  (actor, input) => updateContainerRestrictions(actor, input, { source: "ui" }),
);
