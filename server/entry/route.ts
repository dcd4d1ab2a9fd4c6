import { z } from "zod";
import type { Actor } from "@/lib/domain";
import { UnauthenticatedError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { authorize } from "@/server/services/authorize";
import { type Failure, toFailure, validationFailure } from "./errors";
import { register } from "./registry";

const MAX_BODY_BYTES = 256 * 1024;

interface RouteOptions<S extends z.ZodType> {
  name: string;
  /** Validates `{ params, query, body }` merged into one object. */
  schema: S;
  permission: Action | "authenticated";
  resource?: (input: z.infer<S>) => Resource;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function problem(f: Failure): Response {
  const title =
    f.status === 401
      ? "Unauthorized"
      : f.status === 403
        ? "Forbidden"
        : f.status === 404
          ? "Not Found"
          : f.status >= 500
            ? "Internal Server Error"
            : "Bad Request";
  return Response.json(
    {
      type: "about:blank",
      title,
      status: f.status,
      detail: f.error,
      ...(f.fieldErrors ? { errors: f.fieldErrors } : {}),
    },
    { status: f.status, headers: { "content-type": "application/problem+json" } },
  );
}

/** The route-handler twin of defineAction: same order (validate, authenticate, authorize, run), problem+json errors. */
export function defineRoute<S extends z.ZodType, R>(
  opts: RouteOptions<S>,
  run: (actor: Actor, input: z.infer<S>, req: Request) => Promise<R> | R,
): (req: Request, ctx: RouteContext) => Promise<Response> {
  register({ kind: "route", name: opts.name, permission: opts.permission });
  return async (req, ctx) => {
    let body: unknown;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const text = await req.text();
      if (text.length > MAX_BODY_BYTES) return problem({ ok: false, status: 413, error: "Request body too large" });
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return problem({ ok: false, status: 400, error: "Request body is not valid JSON" });
      }
    }
    const query = Object.fromEntries(new URL(req.url).searchParams);
    const parsed = opts.schema.safeParse({ params: (await ctx?.params) ?? {}, query, body });
    if (!parsed.success) return problem(validationFailure(parsed.error));
    try {
      const actor = await requestActor();
      if (!actor) throw new UnauthenticatedError();
      if (opts.permission !== "authenticated") authorize(actor, opts.permission, opts.resource?.(parsed.data));
      const result = await run(actor, parsed.data, req);
      return result === undefined ? new Response(null, { status: 204 }) : Response.json(result);
    } catch (err) {
      return problem(toFailure(err, opts.name));
    }
  };
}

export const noInput = z
  .object({ params: z.object({}).passthrough(), query: z.object({}).passthrough() })
  .passthrough();
