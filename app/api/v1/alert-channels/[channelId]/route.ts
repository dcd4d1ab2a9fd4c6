import { z } from "zod";
import { channelRefInput, saveChannelInput } from "@/lib/alert-schemas";
import { defineRoute } from "@/server/entry/route";
import { deleteChannel, saveChannel } from "@/server/services/alerts/manage-channels";

export const dynamic = "force-dynamic";

const updateSchema = z.object({ params: channelRefInput, body: saveChannelInput.omit({ id: true }) });

/** PUT /api/v1/alert-channels/{channelId} {name, config}: edit; empty secret fields keep the stored ones (admins). */
export const PUT = defineRoute(
  { name: "api.alert-channels.update", schema: updateSchema, permission: "alert:channels" },
  (actor, { params, body }) => saveChannel(actor, { ...body, id: params.channelId }, { source: "api" }),
);

/** DELETE /api/v1/alert-channels/{channelId} (admins). */
export const DELETE = defineRoute(
  { name: "api.alert-channels.delete", schema: z.object({ params: channelRefInput }), permission: "alert:channels" },
  (actor, { params }) => deleteChannel(actor, params.channelId, { source: "api" }),
);
