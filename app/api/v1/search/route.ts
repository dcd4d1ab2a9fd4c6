import { z } from "zod";
import { SEARCH_MAX_QUERY } from "@/lib/search";
import { defineRoute } from "@/server/entry/route";
import { search } from "@/server/services/search/search";

export const dynamic = "force-dynamic";

const schema = z.object({
  query: z
    .object({
      q: z.string().max(SEARCH_MAX_QUERY, `At most ${SEARCH_MAX_QUERY} characters`).default(""),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    })
    .passthrough(),
});

/**
 * GET /api/v1/search?q=&limit=: endpoints, containers, images, networks and volumes whose name (or image, compose
 * project, driver, tag, short id) matches every term, across the endpoints the caller may see, best first.
 */
export const GET = defineRoute(
  {
    name: "api.search",
    summary:
      "Endpoints, containers, images, networks and volumes whose name (or image, compose project, driver, tag, short id) matches every term, across the endpoints the caller may see, best first: { query, hits: [{ kind, endpointId, endpointName, name, href, detail, score }], incomplete }",
    schema,
    permission: "authenticated",
  },
  (actor, { query }) => search(actor, query.q, query.limit),
);
