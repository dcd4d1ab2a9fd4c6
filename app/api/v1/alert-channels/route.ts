import { z } from "zod";
import { saveChannelInput } from "@/lib/alert-schemas";
import { defineRoute, noInput } from "@/server/entry/route";
import { listChannels, saveChannel } from "@/server/services/alerts/manage-channels";

export const dynamic = "force-dynamic";

/** GET /api/v1/alert-channels: every channel, secrets blank (admins). */
export const GET = defineRoute(
  { name: "api.alert-channels.list", schema: noInput, permission: "alert:channels" },
  (actor) => listChannels(actor),
);

const createSchema = z.object({ body: saveChannelInput.omit({ id: true }) });

/** POST /api/v1/alert-channels {name, config: {kind, ...}}: add a channel (admins). */
export const POST = defineRoute(
  { name: "api.alert-channels.create", schema: createSchema, permission: "alert:channels" },
  async (actor, { body }) => Response.json(await saveChannel(actor, body, { source: "api" }), { status: 201 }),
);
