import type { z } from "zod";
import type { Action, Resource } from "@/lib/policy";

/** Every server action and route handler registers here when defined, so tests can enumerate the real set. */
export interface EntryPoint {
  kind: "action" | "route" | "socket";
  name: string;
  permission: Action | "authenticated" | "public";
  /** The resource the permission is checked on, from the validated input (endpoint-scoped entry points). */
  resource?: (input: never) => Resource;
  /** What validates the input (routes: `{ params, query, body }`): the OpenAPI document is generated from it. */
  schema?: z.ZodType;
  /** One line for the API description (OpenAPI `summary`). */
  summary?: string;
}

/** Entry points carry their registration, so a test that imports a module knows what each export requires. */
export type WithEntry<F> = F & { entry: EntryPoint };

export function withEntry<F extends object>(fn: F, e: EntryPoint): WithEntry<F> {
  return Object.assign(fn, { entry: e });
}

export const entryPoints: EntryPoint[] = [];

export function register(e: EntryPoint): EntryPoint {
  entryPoints.push(e);
  return e;
}
