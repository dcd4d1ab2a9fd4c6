import { toFailure } from "@/server/entry/errors";
import { readBodyText } from "@/server/entry/read-body";
import { problem, publicRoute } from "@/server/entry/route";
import { deployFromSource, verifyWebhook } from "@/server/services/stacks/git-source";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<Record<string, string | string[]>> };

/**
 * A Git-backed stack's redeploy webhook. No session: the caller proves itself with the webhook's secret, in
 * `X-Berth-Webhook-Secret` or as an HMAC-SHA256 of the body (`X-Hub-Signature-256`, as GitHub and Gitea send). The
 * secret is never in the URL. An unknown hook and a wrong secret answer the same 401. The deploy runs as the user who
 * set the source up (re-loaded now) and is audited as theirs.
 */
export const POST = publicRoute("api.stacks.webhook", async (req: Request, ctx: Ctx) => {
  try {
    const hookId = (await ctx.params).hookId;
    const body = await readBodyText(req, 1024 * 1024);
    if (
      typeof hookId !== "string" ||
      !/^[0-9a-f-]{36}$/.test(hookId) ||
      !(await verifyWebhook(hookId, body, req.headers))
    )
      return problem({ ok: false, status: 401, error: "Unknown webhook or wrong secret" });
    const out = await deployFromSource(hookId, "webhook", false);
    return Response.json(out, { status: 202 });
  } catch (err) {
    return problem(toFailure(err, "api.stacks.webhook"));
  }
});
