import { z } from "zod";
import { declaredLength, LIMITS } from "@/lib/body-limits";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { credentialInUrl } from "@/server/auth/api-token";
import { requestActor, requestUsesBearer } from "@/server/auth/request-actor";
import { runtime } from "@/server/runtime";
import { authorize } from "@/server/services/authorize";
import { recordRefusal } from "@/server/services/use-case";
import { type Failure, toFailure, validationFailure } from "./errors";
import { BodyTooLargeError, readBodyText } from "./read-body";
import { register, type WithEntry, withEntry } from "./registry";

interface RouteOptions<S extends z.ZodType> {
  name: string;
  /** Validates `{ params, query, body }` merged into one object. */
  schema: S;
  permission: Action | "authenticated";
  resource?: (input: z.infer<S>) => Resource;
  /** One line for the generated API description. */
  summary?: string;
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
          : f.status === 413
            ? "Payload Too Large"
            : f.status === 503
              ? "Service Unavailable"
              : f.status === 507
                ? "Insufficient Storage"
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
    {
      status: f.status,
      // 503: the database or the engine is not answering right now; a client may retry shortly.
      headers: { "content-type": "application/problem+json", ...(f.status === 503 ? { "retry-after": "5" } : {}) },
    },
  );
}

/** A browser sends Origin on every cross-origin write; a cookie-authenticated one must come from this server. */
export function foreignOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin || runtime().config.allowedOrigins.includes(origin)) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * The route-handler twin of defineAction, with problem+json errors. Order: authenticate (before any body byte is
 * read), read the body within its limit, validate, authorize, run.
 */
export function defineRoute<S extends z.ZodType, R>(
  opts: RouteOptions<S>,
  run: (actor: Actor, input: z.infer<S>, req: Request) => Promise<R | Response> | R | Response,
): WithEntry<(req: Request, ctx: RouteContext) => Promise<Response>> {
  const entry = register({
    kind: "route",
    name: opts.name,
    permission: opts.permission,
    resource: opts.resource as ((input: never) => Resource) | undefined,
    schema: opts.schema,
    summary: opts.summary,
  });
  return withEntry(async (req: Request, ctx: RouteContext) => {
    const url = new URL(req.url);
    const inUrl = credentialInUrl(url);
    if (inUrl) {
      return problem({
        ok: false,
        status: 400,
        error: `Credentials are not accepted in the URL (query parameter "${inUrl}"); send Authorization: Bearer <token>`,
      });
    }
    const writes = req.method !== "GET" && req.method !== "HEAD";
    const declared = declaredLength(req.headers.get("content-length"));
    if (writes && declared !== null && declared > LIMITS.apiBody) {
      return problem(toFailure(new BodyTooLargeError(LIMITS.apiBody), opts.name));
    }
    const params = (await ctx?.params) ?? {};
    let actor: Actor | null = null;
    // Known before the body is read, for the audit of a refused write: every /endpoints/{endpointId}/... route.
    let endpointId = typeof params.endpointId === "string" ? params.endpointId : undefined;
    const denied = async (err: unknown) => {
      try {
        if (writes) {
          await recordRefusal(actor, opts.name, err, {
            endpointId,
            target: `${req.method} ${url.pathname}`,
            source: "api",
          });
        }
      } catch (auditErr) {
        return problem(toFailure(auditErr, opts.name));
      }
      return problem(toFailure(err, opts.name));
    };
    // Authenticate before reading a byte of the body: an anonymous client never gets the server to buffer anything.
    try {
      if (writes && !(await requestUsesBearer()) && foreignOrigin(req)) {
        throw new ForbiddenError("Cross-origin request refused");
      }
      actor = await requestActor();
      if (!actor) throw new UnauthenticatedError();
    } catch (err) {
      return denied(err);
    }
    let body: unknown;
    if (writes) {
      let text: string;
      try {
        text = await readBodyText(req, LIMITS.apiBody);
      } catch (err) {
        return problem(toFailure(err, opts.name));
      }
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return problem({ ok: false, status: 400, error: "Request body is not valid JSON" });
      }
    }
    const query = Object.fromEntries(url.searchParams);
    const parsed = opts.schema.safeParse({ params, query, body });
    if (!parsed.success) return problem(validationFailure(parsed.error));
    const resource = opts.resource?.(parsed.data);
    endpointId = resource?.endpointId;
    try {
      try {
        if (opts.permission !== "authenticated") authorize(actor, opts.permission, resource);
      } catch (err) {
        return await denied(err);
      }
      const result = await run(actor, parsed.data, req);
      if (result instanceof Response) return result;
      return result === undefined ? new Response(null, { status: 204 }) : Response.json(result);
    } catch (err) {
      return problem(toFailure(err, opts.name));
    }
  }, entry);
}

export const noInput = z
  .object({ params: z.object({}).passthrough(), query: z.object({}).passthrough() })
  .passthrough();

/**
 * A route that needs no session on purpose (the OpenAPI document, next-auth's own sign-in, public status pages):
 * registered as public. `doc` describes it for the generated API description.
 */
export function publicRoute<F extends (...args: never[]) => unknown>(
  name: string,
  fn: F,
  doc: { summary?: string; schema?: z.ZodType } = {},
): WithEntry<F> {
  return withEntry(fn, register({ kind: "route", name, permission: "public", ...doc }));
}
