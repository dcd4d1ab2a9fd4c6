/**
 * The custom server (dist/server.mjs) and Next's route bundles each load their own copy of this module, so an error
 * thrown by one copy fails a plain `instanceof` in the other (a 404 became a 500). Every instance carries the kinds of
 * its class chain under a global symbol, and `instanceof` checks those kinds (names are explicit: bundles minify).
 */
const KINDS = Symbol.for("berth.error.kinds");
type Kinded = { kind?: string };

/** An error whose message is safe and useful to show a user. Anything else is logged and answered generically. */
export class UserError extends Error {
  static readonly kind: string = "UserError";
  readonly [KINDS]: string[];

  constructor(
    message: string,
    readonly status: number = 400,
    readonly code: string = "bad_request",
  ) {
    super(message);
    this.name = "UserError";
    const kinds: string[] = [];
    for (let c: unknown = new.target; c && c !== Error; c = Object.getPrototypeOf(c)) {
      const k = (c as Kinded).kind;
      if (k && !kinds.includes(k)) kinds.push(k);
    }
    this[KINDS] = kinds;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too).
    return Array.isArray(kinds) && kinds.includes((this as Kinded).kind);
  }
}

export class NotFoundError extends UserError {
  static readonly kind: string = "NotFoundError";
  constructor(what = "Not found") {
    super(what, 404, "not_found");
  }
}

export class ForbiddenError extends UserError {
  static readonly kind: string = "ForbiddenError";
  constructor(message = "You are not allowed to do this") {
    super(message, 403, "forbidden");
  }
}

export class UnauthenticatedError extends UserError {
  static readonly kind: string = "UnauthenticatedError";
  constructor() {
    super("Sign in first", 401, "unauthenticated");
  }
}
