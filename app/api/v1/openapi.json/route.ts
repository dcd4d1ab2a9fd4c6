import { openApiDocument } from "@/lib/openapi";
import { publicRoute } from "@/server/entry/route";

export const dynamic = "force-static";

// Public on purpose: it describes the API, it grants nothing.
export const GET = publicRoute("api.openapi", () => Response.json(openApiDocument()));
