import { z } from "zod";
import { restrictionsSchema } from "@/lib/container-restrictions";
import { defineRoute, noInput } from "@/server/entry/route";
import {
  getContainerRestrictions,
  updateContainerRestrictions,
} from "@/server/services/settings/container-restrictions";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    name: "api.settings.restrictions.get",
    summary: "Container restrictions for non-admins (admins)",
    schema: noInput,
    permission: "settings:manage",
  },
  (actor) => getContainerRestrictions(actor),
);

export const PUT = defineRoute(
  {
    name: "api.settings.restrictions.put",
    summary: "Set the container restrictions for non-admins (admins); rules left out stay restricted",
    schema: z.object({ body: restrictionsSchema }),
    permission: "settings:manage",
  },
  (actor, { body }) => updateContainerRestrictions(actor, body, { source: "api" }),
);
