import { defineRoute, noInput } from "@/server/entry/route";
import { listEndpoints } from "@/server/services/endpoints/list-endpoints";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "api.endpoints.list", schema: noInput, permission: "authenticated" }, (actor) =>
  listEndpoints(actor),
);
