import { openApiDocument } from "@/server/entry/openapi";
import { publicRoute } from "@/server/entry/route";
import { API_ROUTES } from "./api-routes";

export const dynamic = "force-static";

let document: ReturnType<typeof openApiDocument> | undefined;

// Public on purpose: it describes the API, it grants nothing. Generated once from the route modules themselves.
export const GET = publicRoute(
  "api.openapi",
  () => {
    document ??= openApiDocument([...API_ROUTES, { path: "/openapi.json", module: { GET } }]);
    return Response.json(document);
  },
  { summary: "This document: generated from the routes' own validation schemas" },
);
