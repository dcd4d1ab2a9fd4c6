import { z } from "zod";
import { endpointId } from "@/lib/schemas";
import { maintenanceWindowBody } from "@/lib/update-policy-schemas";
import { defineRoute } from "@/server/entry/route";
import { setMaintenanceWindow } from "@/server/services/updates/update-policies";

export const dynamic = "force-dynamic";

/** PUT /api/v1/endpoints/{endpointId}/update-window: `{ from: "HH:MM", to: "HH:MM" }` UTC, or both "" for none (admins). */
export const PUT = defineRoute(
  {
    name: "api.update-window.set",
    schema: z.object({ params: z.object({ endpointId }), body: maintenanceWindowBody }),
    permission: "settings:manage",
  },
  (actor, { params: p, body }) => setMaintenanceWindow(actor, { ...body, endpointId: p.endpointId }, { source: "api" }),
);
