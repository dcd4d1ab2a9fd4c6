"use server";

import { usageToggleInput } from "@/lib/usage-history";
import { defineAction } from "@/server/entry/action";
import { setUsageHistory } from "@/server/services/usage/get-usage";

export const setUsageHistoryAction = defineAction(
  { name: "usage.toggle", schema: usageToggleInput, permission: "settings:manage" },
  (actor, input) => setUsageHistory(actor, input, { source: "ui" }),
);
