/** An error whose message is safe and useful to show a user. Anything else is logged and answered generically. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    readonly code: string = "bad_request",
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(what = "Not found") {
    super(what, 404, "not_found");
  }
}

export class ForbiddenError extends UserError {
  constructor(message = "You are not allowed to do this") {
    super(message, 403, "forbidden");
  }
}

export class UnauthenticatedError extends UserError {
  constructor() {
    super("Sign in first", 401, "unauthenticated");
  }
}
