"use server";

import { auditRetentionInput } from "@/lib/audit-schemas";
import { defineAction } from "@/server/entry/action";
import { setAuditRetention } from "@/server/services/audit/audit-retention";

export const setAuditRetentionAction = defineAction(
  { name: "audit.set_retention", schema: auditRetentionInput, permission: "settings:manage" },
  (actor, input) => setAuditRetention(actor, input, { source: "ui" }),
);
