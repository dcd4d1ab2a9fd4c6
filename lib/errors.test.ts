import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, UserError } from "./errors";

describe("UserError across module copies", () => {
  it("keeps instanceof true for the class chain and false otherwise", () => {
    expect(new NotFoundError()).toBeInstanceOf(UserError);
    expect(new NotFoundError()).toBeInstanceOf(NotFoundError);
    expect(new NotFoundError()).toBeInstanceOf(Error);
    expect(new UserError("x") instanceof NotFoundError).toBe(false);
    expect(new ForbiddenError() instanceof NotFoundError).toBe(false);
    expect(new Error("x") instanceof UserError).toBe(false);
    expect((null as unknown) instanceof UserError).toBe(false);
  });

  it("recognizes an error thrown by another copy of the module (custom server vs Next bundle)", async () => {
    // A query string makes the module loader evaluate a second, separate copy, as the two bundles do.
    // @ts-expect-error: a query string is not a module the type checker knows; vitest loads a second copy for it.
    const other = (await import("./errors.ts?second-copy")) as typeof import("./errors");
    expect(other.NotFoundError).not.toBe(NotFoundError);
    const foreign = new other.NotFoundError("Endpoint not found");
    expect(foreign instanceof UserError).toBe(true);
    expect(foreign instanceof NotFoundError).toBe(true);
    expect(foreign instanceof ForbiddenError).toBe(false);
  });
});
