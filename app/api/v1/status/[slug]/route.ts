import { toFailure } from "@/server/entry/errors";
import { problem, publicRoute } from "@/server/entry/route";
import { getPublicStatus } from "@/server/services/status-pages/get-public-status";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<Record<string, string | string[]>> };

/**
 * A status page as JSON, for anyone (monitors, widgets): the same sanitized view the public page shows. Public on
 * purpose; rate-limited per client by the server (server/status/public-http.ts) before it gets here.
 */
export const GET = publicRoute(
  "api.status.public",
  async (_req: Request, ctx: Ctx) => {
    try {
      const slug = (await ctx.params).slug;
      const status = typeof slug === "string" ? await getPublicStatus(slug) : null;
      if (!status) return problem({ ok: false, status: 404, error: "Status page not found" });
      return Response.json(status.view, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return problem(toFailure(err, "api.status.public"));
    }
  },
  {
    summary:
      "A status page's public view, without signing in: title and per item display name, state, health, since and " +
      "availability over 24 h; never ids, images, endpoints or ports. Rate-limited per client (429 with Retry-After)",
  },
);
