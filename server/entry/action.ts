import type { z } from "zod";
import type { Actor } from "@/lib/domain";
import type { Action, Resource } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";
import { authorize } from "@/server/services/authorize";
import { type Failure, toFailure, validationFailure } from "./errors";
import { register } from "./registry";

export type ActionResult<R> = { ok: true; data: R } | Failure;

interface ActionOptions<S extends z.ZodType> {
  name: string;
  schema: S;
  permission: Action;
  resource?: (input: z.infer<S>) => Resource;
}

/**
 * The only way Berth makes a server action: validate the input before anything reads it, authenticate from the
 * request's own session, authorize, then run. The service it calls authorizes again and writes the audit record.
 */
export function defineAction<S extends z.ZodType, R>(
  opts: ActionOptions<S>,
  run: (actor: Actor, input: z.infer<S>) => Promise<R>,
): (raw: unknown) => Promise<ActionResult<R>> {
  register({ kind: "action", name: opts.name, permission: opts.permission });
  return async (raw) => {
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      const actor = await requestActor();
      authorize(actor, opts.permission, opts.resource?.(parsed.data));
      return { ok: true, data: await run(actor, parsed.data) };
    } catch (err) {
      return toFailure(err, opts.name);
    }
  };
}

/**
 * A server action that needs no session (first-run setup). It still validates first; `run` must check whatever
 * proves the caller's right (the setup token) itself.
 */
export function definePublicAction<S extends z.ZodType, R>(
  opts: { name: string; schema: S },
  run: (input: z.infer<S>) => Promise<R>,
): (raw: unknown) => Promise<ActionResult<R>> {
  register({ kind: "action", name: opts.name, permission: "public" });
  return async (raw) => {
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) return validationFailure(parsed.error);
    try {
      return { ok: true, data: await run(parsed.data) };
    } catch (err) {
      return toFailure(err, opts.name);
    }
  };
}
