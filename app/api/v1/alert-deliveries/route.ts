import { defineRoute, noInput } from "@/server/entry/route";
import { listDeliveries } from "@/server/services/alerts/outbox";

export const dynamic = "force-dynamic";

/** GET /api/v1/alert-deliveries: the delivery log, newest first, with attempts and the last error (admins). */
export const GET = defineRoute(
  { name: "api.alert-deliveries.list", schema: noInput, permission: "alert:channels" },
  (actor) => listDeliveries(actor),
);
