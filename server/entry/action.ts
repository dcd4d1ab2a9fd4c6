import { headers } from "next/headers";
import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { Action, Resource } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { runtime } from "@/server/runtime";
import { authorize } from "@/server/services/authorize";
import { recordRefusal } from "@/server/services/use-case";
import { type Failure, toFailure, validationFailure } from "./errors";
import { register, type WithEntry, withEntry } from "./registry";

/**
 * Next refuses a server action whose Origin names another host, but lets one without Origin through. Browsers always
 * send Origin on these POSTs, so a missing one means a forged or stripped request: refuse it too.
 */
async function assertSameOrigin(): Promise<void> {
  const h = await headers();
  const origin = h.get("origin");
  if (!origin) throw new ForbiddenError("Missing Origin header");
  if (runtime().config.allowedOrigins.includes(origin)) return;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // fall through: refused below
  }
  if (!host || originHost !== host) throw new ForbiddenError("Cross-origin request refused");
}

export type ActionResult<R> = { ok: true; data: R } | Failure;

interface ActionOptions<S extends z.ZodType> {
  name: string;
  schema: S;
  /** "authenticated": any signed-in user; the service scopes what it does to the actor itself. */
  permission: Action | "authenticated";
  resource?: (input: z.infer<S>) => Resource;
}

/**
 * The only way Berth makes a server action: validate the input before anything reads it, authenticate from the
 * request's own session, authorize, then run. The service it calls authorizes again and writes the audit record.
 */
export function defineAction<S extends z.ZodType, R>(
  opts: ActionOptions<S>,
  run: (actor: Actor, input: z.infer<S>) => Promise<R>,
): WithEntry<(raw: unknown) => Promise<ActionResult<R>>> {
  const entry = register({
    kind: "action",
    name: opts.name,
    permission: opts.permission,
    resource: opts.resource as EntryResource,
  });
  return withEntry(async (raw: unknown) => {
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) return validationFailure(parsed.error);
    let actor: Actor | null = null;
    const resource = opts.resource?.(parsed.data);
    try {
      try {
        await assertSameOrigin();
        actor = await requestActor();
        if (opts.permission === "authenticated") {
          if (!actor) throw new UnauthenticatedError();
        } else authorize(actor, opts.permission, resource);
      } catch (err) {
        // Refusals are audited here, before any service runs: who tried what, where.
        await recordRefusal(actor, opts.name, err, { endpointId: resource?.endpointId, source: "ui" });
        throw err;
      }
      return { ok: true, data: await run(actor as Actor, parsed.data) };
    } catch (err) {
      return toFailure(err, opts.name);
    }
  }, entry);
}

type EntryResource = ((input: never) => Resource) | undefined;

/**
 * A server action that needs no session (first-run setup). It still validates first; `run` must check whatever
 * proves the caller's right (the setup token) itself.
 */
export function definePublicAction<S extends z.ZodType, R>(
  opts: { name: string; schema: S },
  run: (input: z.infer<S>) => Promise<R>,
): WithEntry<(raw: unknown) => Promise<ActionResult<R>>> {
  const entry = register({ kind: "action", name: opts.name, permission: "public" });
  return withEntry(async (raw: unknown) => {
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      try {
        await assertSameOrigin();
      } catch (err) {
        await recordRefusal(null, opts.name, err);
        throw err;
      }
      return { ok: true, data: await run(parsed.data) };
    } catch (err) {
      return toFailure(err, opts.name);
    }
  }, entry);
}
