import { z } from "zod";
import { usageQuery } from "@/lib/usage-history";
import { defineRoute } from "@/server/entry/route";
import { getUsage } from "@/server/services/usage/get-usage";

export const dynamic = "force-dynamic";

/** GET /api/v1/usage?group=endpoint|stack|team&range=1h|24h|7d[&endpointId=]: CPU and memory over time. */
export const GET = defineRoute(
  { name: "api.usage.get", schema: z.object({ query: usageQuery }), permission: "authenticated" },
  (actor, { query }) => getUsage(actor, query),
);
