"use server";

import { saveStatusPageInput, statusPageRefInput, updateStatusPageInput } from "@/lib/status-page-schemas";
import { defineAction } from "@/server/entry/action";
import { deleteStatusPage } from "@/server/services/status-pages/delete-status-page";
import { createStatusPage, updateStatusPage } from "@/server/services/status-pages/save-status-page";

const ui = { source: "ui" };

export const createStatusPageAction = defineAction(
  { name: "statusPages.create", schema: saveStatusPageInput, permission: "statuspage:manage" },
  (actor, input) => createStatusPage(actor, input, ui),
);

export const updateStatusPageAction = defineAction(
  { name: "statusPages.update", schema: updateStatusPageInput, permission: "statuspage:manage" },
  (actor, { id, ...input }) => updateStatusPage(actor, id, input, ui),
);

export const deleteStatusPageAction = defineAction(
  { name: "statusPages.delete", schema: statusPageRefInput, permission: "statuspage:manage" },
  (actor, input) => deleteStatusPage(actor, input.id, ui),
);
