import { z } from "zod";
import { restrictionsSchema } from "@/lib/container-restrictions";
import { defineRoute, noInput } from "@/server/entry/route";
import {
  getContainerRestrictions,
  updateContainerRestrictions,
} from "@/server/services/settings/container-restrictions";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { name: "api.settings.restrictions.get", schema: noInput, permission: "settings:manage" },
  (actor) => getContainerRestrictions(actor),
);

export const PUT = defineRoute(
  {
    name: "api.settings.restrictions.put",
    schema: z.object({ body: restrictionsSchema }),
    permission: "settings:manage",
  },
  (actor, { body }) => updateContainerRestrictions(actor, body, { source: "api" }),
);
