import { z } from "zod";
import { channelRefInput } from "@/lib/alert-schemas";
import { defineRoute } from "@/server/entry/route";
import { testChannel } from "@/server/services/alerts/test-channel";

export const dynamic = "force-dynamic";

/** POST /api/v1/alert-channels/{channelId}/test: send a test message now; 502 with the receiver's words on failure. */
export const POST = defineRoute(
  { name: "api.alert-channels.test", schema: z.object({ params: channelRefInput }), permission: "alert:channels" },
  (actor, { params }) => testChannel(actor, params.channelId, { source: "api" }),
);
