import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { requestActor, requestUsesBearer } from "@/server/auth/request-actor";
import { authorize } from "@/server/services/authorize";
import { toFailure, validationFailure } from "./errors";
import { register, type WithEntry, withEntry } from "./registry";
import { foreignOrigin, problem } from "./route";

/**
 * defineRoute for responses that are not JSON (file downloads, streams) and for bodies that are not JSON (a streamed
 * upload `run` reads from `req` itself): the same order (validate, authenticate, authorize, run) and problem+json
 * errors, but `run` returns the Response itself.
 */
export function defineStreamRoute<S extends z.ZodType>(
  opts: {
    name: string;
    schema: S;
    permission: Action;
    resource?: (input: z.infer<S>) => Resource;
    summary?: string;
  },
  run: (actor: Actor, input: z.infer<S>, req: Request) => Promise<Response>,
): WithEntry<(req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>> {
  const entry = register({
    kind: "route",
    name: opts.name,
    permission: opts.permission,
    resource: opts.resource as ((input: never) => Resource) | undefined,
    schema: opts.schema,
    summary: opts.summary,
  });
  const handler = async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const query = Object.fromEntries(new URL(req.url).searchParams);
    const parsed = opts.schema.safeParse({ params: (await ctx?.params) ?? {}, query });
    if (!parsed.success) return problem(validationFailure(parsed.error));
    try {
      const actor = await requestActor();
      if (!actor) throw new UnauthenticatedError();
      // A streamed upload is a write: cookie-authenticated ones must come from this server's own pages (CSRF).
      const writes = req.method !== "GET" && req.method !== "HEAD";
      if (writes && !(await requestUsesBearer()) && foreignOrigin(req))
        return problem({ ok: false, status: 403, error: "Cross-origin request refused" });
      authorize(actor, opts.permission, opts.resource?.(parsed.data));
      return await run(actor, parsed.data, req);
    } catch (err) {
      return problem(toFailure(err, opts.name));
    }
  };
  return withEntry(handler, entry);
}
